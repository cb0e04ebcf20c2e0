package dev.vouch.admin;

import ca.uhn.fhir.context.FhirContext;
import dev.vouch.security.AdminCredential;
import dev.vouch.testing.VouchHttpTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The running application, called through the admin API with the admin token it holds. */
public abstract class AdminApiTest extends VouchHttpTest {

    protected static final String ADMIN = "/admin/terminology";

    @Autowired
    protected FhirContext fhirContext;

    @Autowired
    protected AdminCredential adminCredential;

    protected AdminClient admin() {
        return AdminClient.withToken(baseUrl(), fhirContext, adminCredential.token());
    }

    protected AdminClient anonymous() {
        return AdminClient.anonymous(baseUrl(), fhirContext);
    }

    /** Creates the resource and insists on 201: what was stored. */
    @SuppressWarnings("unchecked")
    protected <T extends MetadataResource> T create(T resource) {
        return (T) admin().post(ADMIN + "/" + resource.fhirType(), resource).resource(201, resource.getClass());
    }

    /** The current resources of a type with a canonical URL (0 or 1 of them). */
    protected Bundle searchByUrl(String type, String url) {
        return admin().get(ADMIN + "/" + type + "?url=" + encoded(url)).resource(200, Bundle.class);
    }

    protected static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    protected static String pathOf(MetadataResource resource) {
        assertThat(resource.getIdElement().getIdPart()).as("id of the stored resource").isNotBlank();
        return ADMIN + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}
