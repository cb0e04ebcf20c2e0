package dev.vouch.fhir.demo;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * The synthetic record set served by the embedded demo FHIR server: seven clearly fictional patients with PHQ-9 and
 * GAD-7 completions (QuestionnaireResponses plus their derived total-score Observations, or Synthea-style totals
 * only), outpatient mental-health notes and, for {@code demo-condition-si}, an active suicidal-ideation Condition on
 * the problem list beside a mild PHQ-9 whose item 9 is 0 (the condition alone raises the safety card).
 * <p>
 * Everything is built in code and is deterministic for a given {@code now}; every date is an offset from
 * {@code now} so the data always looks recent. Names, MRNs, phone numbers (555-01xx), e-mail addresses
 * ({@code example.org}) and street addresses are invented, and deliberately distinctive so that tests can prove
 * they never reach a language model.
 */
public final class DemoPatients {

    /** Medical record numbers of the fictional demo hospital. */
    public static final String MRN_SYSTEM = "urn:oid:2.16.840.1.113883.19.5";
    /** The US Core PHQ-9 form (bundled with Vouch); its linkIds are "/&lt;LOINC item code&gt;". */
    public static final String PHQ9_QUESTIONNAIRE = "http://hl7.org/fhir/us/core/Questionnaire/phq-9-example";
    /**
     * A demo-only GAD-7 form whose linkIds are "/&lt;LOINC item code&gt;". The PCO GAD-7 form is not used because
     * its linkIds are numeric.
     */
    public static final String GAD7_QUESTIONNAIRE = "urn:vouch:demo:Questionnaire/gad-7";

    private static final String LOINC = "http://loinc.org";
    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String DOCUMENT_CATEGORY =
            "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String SNOMED_CT = "http://snomed.info/sct";
    private static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    /** Suicidal ideation, as the clinical-content table codes it. */
    private static final Coding SUICIDAL_IDEATION = new Coding(SNOMED_CT, "6471006", "Suicidal ideation");
    private static final DateTimeFormatter NOTE_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    /** Answer list LL358-3, indexed by score (0-3). */
    private static final List<Answer> FREQUENCY = List.of(
            new Answer("LA6568-5", "Not at all"),
            new Answer("LA6569-3", "Several days"),
            new Answer("LA6570-1", "More than half the days"),
            new Answer("LA6571-9", "Nearly every day"));

    /** PHQ-9 item 10 (69722-7) answers, from least to most difficult; not scored. */
    private static final Item PHQ9_DIFFICULTY = new Item("69722-7", "If you checked off any problems, how difficult "
            + "have these problems made it for you to do your work, take care of things at home, or get along with "
            + "other people?");
    private static final List<Answer> DIFFICULTY = List.of(
            new Answer("LA6572-7", "Not difficult at all"),
            new Answer("LA6573-5", "Somewhat difficult"),
            new Answer("LA6575-0", "Very difficult"),
            new Answer("LA6574-3", "Extremely difficult"));

    private static final String DR_FARROWBY = "Dr. Imogen Farrowby, MD (fictional)";
    private static final String THORNE_LCSW = "Casimir Thorne-Delacroix, LCSW (fictional)";
    private static final String ELLORY_NP = "Wren Ellory, PMHNP (fictional)";
    private static final String NURSE_QUILL = "Beatrix Quillon, RN (fictional)";

    private DemoPatients() {
    }

    /** A question of an instrument: its LOINC item code and wording. */
    private record Item(String code, String text) {
    }

    /** A LOINC answer code and its display. */
    private record Answer(String code, String display) {
        Coding coding() {
            return new Coding(LOINC, code, display);
        }
    }

    /** The instruments the demo records use, with the codes of the clinical-content table. */
    private enum Instrument {
        PHQ9("phq9", PHQ9_QUESTIONNAIRE, "44261-6",
                "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]", List.of(
                new Item("44250-9", "Little interest or pleasure in doing things"),
                new Item("44255-8", "Feeling down, depressed, or hopeless"),
                new Item("44259-0", "Trouble falling or staying asleep, or sleeping too much"),
                new Item("44254-1", "Feeling tired or having little energy"),
                new Item("44251-7", "Poor appetite or overeating"),
                new Item("44258-2", "Feeling bad about yourself - or that you are a failure or have let yourself "
                        + "or your family down"),
                new Item("44252-5", "Trouble concentrating on things, such as reading the newspaper or watching "
                        + "television"),
                new Item("44253-3", "Moving or speaking so slowly that other people could have noticed, or the "
                        + "opposite - being so fidgety or restless that you have been moving around a lot more "
                        + "than usual"),
                new Item("44260-8", "Thoughts that you would be better off dead, or of hurting yourself in some "
                        + "way"))),
        GAD7("gad7", GAD7_QUESTIONNAIRE, "70274-6",
                "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]", List.of(
                new Item("69725-0", "Feeling nervous, anxious, or on edge"),
                new Item("68509-9", "Not being able to stop or control worrying"),
                new Item("69733-4", "Worrying too much about different things"),
                new Item("69734-2", "Trouble relaxing"),
                new Item("69735-9", "Being so restless that it is hard to sit still"),
                new Item("69689-8", "Becoming easily annoyed or irritable"),
                new Item("69736-7", "Feeling afraid, as if something awful might happen")));

        private final String idPart;
        private final String questionnaire;
        private final String totalCode;
        private final String totalDisplay;
        private final List<Item> items;

        Instrument(String idPart, String questionnaire, String totalCode, String totalDisplay, List<Item> items) {
            this.idPart = idPart;
            this.questionnaire = questionnaire;
            this.totalCode = totalCode;
            this.totalDisplay = totalDisplay;
            this.items = items;
        }

        CodeableConcept totalConcept() {
            return new CodeableConcept(new Coding(LOINC, totalCode, totalDisplay)).setText(totalDisplay);
        }
    }

    /** Kinds of clinical note (LOINC document types). */
    private enum NoteType {
        PROGRESS("11506-3", "Progress note"),
        NURSE("34746-8", "Nurse note");

        private final String code;
        private final String display;

        NoteType(String code, String display) {
            this.code = code;
            this.display = display;
        }
    }

    /** The demographics of one fictional patient. */
    private record Person(String id, String given, String family, AdministrativeGender gender, int ageYears,
                          int birthdayDaysAgo, String mrn, String phone, String email, String street, String city,
                          String state, String postalCode) {
        String fullName() {
            return given + " " + family;
        }
    }

    /** Builds the whole demo data set; the same {@code now} always gives the same resources. */
    public static List<Resource> build(Instant now) {
        DataSet data = new DataSet(now);

        Chart improving = data.patient(new Person("demo-improving", "Rosalind", "Quibbleworth",
                AdministrativeGender.FEMALE, 42, 73, "MRN-100234", "617-555-0142",
                "rosalind.quibbleworth@example.org", "4127 Larkspur Hollow Lane", "Fairhaven", "MA", "02719"));
        improving.phq9(150, 3, 3, 2, 3, 2, 2, 2, 1, 0);
        improving.phq9(90, 2, 3, 2, 2, 1, 2, 1, 1, 0);
        improving.phq9(35, 1, 2, 1, 2, 1, 1, 1, 0, 0);
        improving.phq9(4, 1, 1, 1, 1, 1, 1, 0, 0, 0);
        improving.gad7(90, 2, 2, 2, 2, 1, 2, 2);
        improving.gad7(4, 1, 1, 2, 1, 1, 1, 1);
        improving.note(90, NoteType.PROGRESS, DR_FARROWBY, "Medication management visit, {date}. {name} returns "
                + "for follow-up of major depressive disorder. Started sertraline 50 mg eight weeks ago; reports "
                + "sleeping better and somewhat more energy, still low motivation in the mornings. PHQ-9 today 14, "
                + "down from 18. Plan: increase sertraline to 100 mg daily, continue weekly CBT, return in 6 weeks. "
                + "Best contact number {phone}.");
        improving.note(4, NoteType.PROGRESS, THORNE_LCSW, "Psychotherapy progress note, {date}. {name} says her "
                + "mood is \"much more like myself\"; she is back to working full days and has restarted her "
                + "Saturday gardening club. PHQ-9 6, GAD-7 8. Practicing behavioral activation and thought records "
                + "between sessions. Plan: reduce sessions to every two weeks, review relapse-prevention plan next "
                + "visit.");

        Chart item9 = data.patient(new Person("demo-item9", "Harriet", "Fennimore-Vale",
                AdministrativeGender.FEMALE, 29, 211, "MRN-100871", "503-555-0187",
                "harriet.fennimorevale@example.org", "88 Wickersham Quay, Apt 5C", "Port Alder", "OR", "97035"));
        item9.phq9(90, 1, 2, 1, 2, 1, 1, 1, 0, 0);
        item9.phq9(35, 2, 2, 2, 2, 1, 2, 1, 1, 0);
        item9.phq9(4, 2, 3, 2, 2, 2, 2, 1, 1, 2);
        item9.gad7(4, 2, 2, 2, 1, 1, 2, 1);
        item9.note(35, NoteType.PROGRESS, ELLORY_NP, "Behavioral health follow-up, {date}. {name} reports low "
                + "mood since losing her warehouse job, poor sleep and withdrawing from friends. PHQ-9 13, up from 9 "
                + "two months ago. Started bupropion XL 150 mg daily and referred to counseling. Return in 4 weeks; "
                + "patient prefers calls at {phone}.");
        item9.note(4, NoteType.PROGRESS, ELLORY_NP, "Urgent follow-up, {date}. {name} presents with worsening "
                + "depression; PHQ-9 today 17. Patient reports she wants to die and has been thinking about ending "
                + "her life. Safety plan started in clinic, 988 Suicide & Crisis Lifeline information given, and a "
                + "same-day suicide risk assessment arranged with the crisis team. Patient can be reached at "
                + "{phone}.");

        Chart anxiety = data.patient(new Person("demo-anxiety", "Desmond", "Okonkwo-Pike",
                AdministrativeGender.MALE, 35, 148, "MRN-101556", "312-555-0119",
                "desmond.okonkwopike@example.org", "2290 Thistlewaite Avenue", "Lake Corbin", "IL", "60614"));
        anxiety.gad7(35, 3, 2, 3, 2, 2, 2, 2);
        anxiety.gad7(4, 3, 3, 3, 2, 2, 2, 2);
        anxiety.phq9(4, 1, 1, 1, 1, 1, 1, 1, 0, 0);
        anxiety.note(35, NoteType.NURSE, NURSE_QUILL, "Nurse intake, {date}. {name} referred by primary care for "
                + "anxiety; describes racing thoughts and episodes of chest tightness about twice a week. GAD-7 16. "
                + "Call-back number {phone}.");
        anxiety.note(4, NoteType.PROGRESS, DR_FARROWBY, "Progress note, {date}. {name} describes constant worry "
                + "about work deadlines and his father's health, muscle tension, and trouble sitting still in "
                + "meetings. GAD-7 17, PHQ-9 7; mood otherwise fair. Discussed starting escitalopram 10 mg and a "
                + "referral for CBT for anxiety. Follow up in 3 weeks.");

        Chart control = data.patient(new Person("demo-control", "Theodore", "Blythewick",
                AdministrativeGender.MALE, 51, 322, "MRN-102093", "720-555-0154",
                "theodore.blythewick@example.org", "17 Marrowbone Crescent", "Cedar Hollow", "CO", "80302"));
        control.phq9(35, 0, 1, 0, 1, 0, 0, 0, 0, 0);
        control.gad7(35, 1, 0, 0, 0, 0, 0, 0);
        control.note(35, NoteType.PROGRESS, DR_FARROWBY, "Annual wellness visit, {date}. {name} reports good mood, "
                + "sleeping seven hours a night and cycling three times a week. PHQ-9 2, GAD-7 1. No behavioral "
                + "health concerns raised. Routine follow-up in 12 months.");

        Chart negated = data.patient(new Person("demo-negated", "Nadia", "Vermeulen-Hart",
                AdministrativeGender.FEMALE, 38, 19, "MRN-102748", "415-555-0163",
                "nadia.vermeulenhart@example.org", "603 Gossamer Ridge Road", "San Caldera", "CA", "94110"));
        negated.phq9(35, 2, 2, 1, 2, 1, 1, 1, 1, 0);
        negated.phq9(4, 2, 2, 2, 2, 1, 1, 1, 1, 0);
        negated.note(35, NoteType.PROGRESS, THORNE_LCSW, "Therapy intake, {date}. {name} reports low mood, fatigue "
                + "and poor concentration since her divorce last year. PHQ-9 11. Agreed to weekly sessions; "
                + "reachable at {phone}.");
        negated.note(4, NoteType.PROGRESS, ELLORY_NP, "Progress note, {date}. {name} reports ongoing low mood and "
                + "tiredness; PHQ-9 12, 11 last month. Denies SI. No suicidal ideation, no thoughts of self-harm. "
                + "Continue fluoxetine 20 mg and weekly therapy; recheck in 4 weeks.");

        Chart synthea = data.patient(new Person("demo-synthea", "Kendrick718", "Halvorsen329",
                AdministrativeGender.MALE, 60, 256, "MRN-103315", "608-555-0131",
                "kendrick718.halvorsen329@example.org", "944 Brekke Spur Suite 12", "Marquardtville", "WI",
                "53703"));
        synthea.totalScoreOnly(Instrument.PHQ9, 90, 5);
        synthea.totalScoreOnly(Instrument.PHQ9, 4, 11);
        synthea.totalScoreOnly(Instrument.GAD7, 4, 6);
        synthea.note(4, NoteType.PROGRESS, DR_FARROWBY, "General examination, {date}. {name} seen for a routine "
                + "visit. Depression screening: PHQ-9 total 11, up from 5 in the previous screening; GAD-7 6. "
                + "Referred to behavioral health for further evaluation.");

        Chart conditionSi = data.patient(new Person("demo-condition-si", "Lucan", "Ashgrove-Petrakis",
                AdministrativeGender.MALE, 46, 97, "MRN-103862", "614-555-0176",
                "lucan.ashgrovepetrakis@example.org", "51 Kettleburn Row", "Millbrook Falls", "OH", "43215"));
        conditionSi.activeCondition(60, SUICIDAL_IDEATION);
        conditionSi.phq9(6, 1, 1, 1, 1, 1, 1, 0, 0, 0);
        conditionSi.note(6, NoteType.PROGRESS, ELLORY_NP, "Medication follow-up, {date}. {name} has suicidal "
                + "ideation on his problem list since a crisis visit two months ago; a safety plan is on file. Mood "
                + "today is fair and sleep has improved; PHQ-9 6. Continue mirtazapine 15 mg at night and monthly "
                + "therapy; review the safety plan at the next visit. Reachable at {phone}.");

        return List.copyOf(data.resources);
    }

    /** The sum of an instrument's item scores, checking the item count and the 0-3 range of each answer. */
    private static int total(Instrument instrument, int... itemScores) {
        if (itemScores.length != instrument.items.size()) {
            throw new IllegalArgumentException(instrument + " needs " + instrument.items.size() + " item scores, got "
                    + itemScores.length);
        }
        for (int score : itemScores) {
            if (score < 0 || score >= FREQUENCY.size()) {
                throw new IllegalArgumentException("Item score out of range 0-3: " + score);
            }
        }
        return Arrays.stream(itemScores).sum();
    }

    /** PHQ-9 item 10, chosen from the total so that it tracks severity. */
    private static Answer difficultyFor(int phq9Total) {
        if (phq9Total < 5) {
            return DIFFICULTY.get(0);
        }
        if (phq9Total < 15) {
            return DIFFICULTY.get(1);
        }
        return phq9Total < 20 ? DIFFICULTY.get(2) : DIFFICULTY.get(3);
    }

    /** Collects the resources of the data set, with every date an offset from {@code now}. */
    private static final class DataSet {
        private final Instant now;
        private final List<Resource> resources = new ArrayList<>();

        DataSet(Instant now) {
            this.now = now;
        }

        Date daysAgo(int days) {
            return Date.from(now.minus(Duration.ofDays(days)));
        }

        Chart patient(Person person) {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            Patient patient = new Patient();
            patient.setId(person.id());
            patient.addIdentifier(new Identifier().setUse(Identifier.IdentifierUse.USUAL)
                    .setType(new CodeableConcept(new Coding(
                            "http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical Record Number")))
                    .setSystem(MRN_SYSTEM).setValue(person.mrn()));
            patient.setActive(true);
            patient.addName(new HumanName().setUse(HumanName.NameUse.OFFICIAL).setFamily(person.family())
                    .addGiven(person.given()).setText(person.fullName()));
            patient.setGender(person.gender());
            patient.setBirthDate(java.sql.Date.valueOf(
                    today.minusYears(person.ageYears()).minusDays(person.birthdayDaysAgo())));
            patient.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setUse(ContactPoint.ContactPointUse.MOBILE).setValue(person.phone()));
            patient.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.EMAIL)
                    .setUse(ContactPoint.ContactPointUse.HOME).setValue(person.email()));
            patient.addAddress(new Address().setUse(Address.AddressUse.HOME).addLine(person.street())
                    .setCity(person.city()).setState(person.state()).setPostalCode(person.postalCode())
                    .setCountry("US"));
            resources.add(patient);
            return new Chart(this, person);
        }
    }

    /** Adds one patient's completions and notes to the data set. */
    private record Chart(DataSet data, Person person) {

        Reference subject() {
            return new Reference("Patient/" + person.id()).setDisplay(person.fullName());
        }

        void phq9(int daysAgo, int... itemScores) {
            response(Instrument.PHQ9, daysAgo, itemScores);
        }

        void gad7(int daysAgo, int... itemScores) {
            response(Instrument.GAD7, daysAgo, itemScores);
        }

        /** A completed form and the survey Observation of its total, derived from it. */
        private void response(Instrument instrument, int daysAgo, int... itemScores) {
            int total = total(instrument, itemScores);
            Date authored = data.daysAgo(daysAgo);
            String id = person.id() + "-" + instrument.idPart + "-" + daysAgo + "d";

            QuestionnaireResponse response = new QuestionnaireResponse();
            response.setId(id);
            response.setQuestionnaire(instrument.questionnaire);
            response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
            response.setSubject(subject());
            response.setAuthoredElement(new DateTimeType(authored));
            response.setSource(subject());
            for (int i = 0; i < itemScores.length; i++) {
                Item item = instrument.items.get(i);
                response.addItem(item(item.code(), item.text(), FREQUENCY.get(itemScores[i]).coding()));
            }
            if (instrument == Instrument.PHQ9) {
                response.addItem(item(PHQ9_DIFFICULTY.code(), PHQ9_DIFFICULTY.text(),
                        difficultyFor(total).coding()));
            }
            response.addItem(item(instrument.totalCode, instrument.totalDisplay, new IntegerType(total)));
            data.resources.add(response);

            Observation observation = totalObservation(id + "-total", instrument, authored, new IntegerType(total));
            observation.addDerivedFrom(new Reference("QuestionnaireResponse/" + id));
            data.resources.add(observation);
        }

        /** A total-score Observation with no form behind it, as Synthea writes them. */
        void totalScoreOnly(Instrument instrument, int daysAgo, int total) {
            Quantity score = new Quantity().setValue(total).setUnit("{score}").setSystem(UCUM).setCode("{score}");
            data.resources.add(totalObservation(person.id() + "-" + instrument.idPart + "-" + daysAgo + "d-total",
                    instrument, data.daysAgo(daysAgo), score));
        }

        private Observation totalObservation(String id, Instrument instrument, Date effective, Type value) {
            Observation observation = new Observation();
            observation.setId(id);
            observation.setStatus(Observation.ObservationStatus.FINAL);
            observation.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "survey", "Survey")));
            observation.setCode(instrument.totalConcept());
            observation.setSubject(subject());
            observation.setEffective(new DateTimeType(effective));
            observation.setIssued(effective);
            observation.setValue(value);
            return observation;
        }

        /** An active, confirmed problem-list Condition, recorded (and with its onset) {@code daysAgo}. */
        void activeCondition(int daysAgo, Coding code) {
            Condition condition = new Condition();
            condition.setId(person.id() + "-condition-" + code.getCode());
            condition.setClinicalStatus(new CodeableConcept(new Coding(CONDITION_CLINICAL, "active", "Active")));
            condition.setVerificationStatus(new CodeableConcept(
                    new Coding(CONDITION_VERIFICATION, "confirmed", "Confirmed")));
            condition.addCategory(new CodeableConcept(
                    new Coding(CONDITION_CATEGORY, "problem-list-item", "Problem List Item")));
            condition.setCode(new CodeableConcept(code.copy()).setText(code.getDisplay()));
            condition.setSubject(subject());
            condition.setOnset(new DateTimeType(data.daysAgo(daysAgo)));
            condition.setRecordedDateElement(new DateTimeType(data.daysAgo(daysAgo)));
            data.resources.add(condition);
        }

        /**
         * A plain-text clinical note. The text may use {name}, {date} (the visit date, written out) and {phone}.
         */
        void note(int daysAgo, NoteType type, String author, String template) {
            Date date = data.daysAgo(daysAgo);
            String text = template
                    .replace("{name}", person.fullName())
                    .replace("{date}", NOTE_DATE.format(date.toInstant().atZone(ZoneOffset.UTC)))
                    .replace("{phone}", person.phone());

            DocumentReference note = new DocumentReference();
            note.setId(person.id() + "-note-" + daysAgo + "d");
            note.setStatus(DocumentReferenceStatus.CURRENT);
            note.setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL);
            note.setType(new CodeableConcept(new Coding(LOINC, type.code, type.display)).setText(type.display));
            note.addCategory(new CodeableConcept(new Coding(DOCUMENT_CATEGORY, "clinical-note", "Clinical Note")));
            note.setSubject(subject());
            note.setDate(date);
            note.addAuthor(new Reference().setDisplay(author));
            note.setDescription(type.display);
            note.addContent().setAttachment(new Attachment()
                    .setContentType("text/plain")
                    .setLanguage("en-US")
                    .setData(text.getBytes(StandardCharsets.UTF_8))
                    .setTitle(type.display + " " + NOTE_DATE.format(date.toInstant().atZone(ZoneOffset.UTC)))
                    .setCreationElement(new DateTimeType(date)));
            data.resources.add(note);
        }

        private static QuestionnaireResponseItemComponent item(String code, String text, Type answer) {
            QuestionnaireResponseItemComponent item = new QuestionnaireResponseItemComponent();
            item.setLinkId("/" + code);
            item.setText(text);
            item.addAnswer().setValue(answer);
            return item;
        }
    }
}
