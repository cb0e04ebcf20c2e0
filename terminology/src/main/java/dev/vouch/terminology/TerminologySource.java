package dev.vouch.terminology;

/** Where the hook path gets the current terminology: an in-memory snapshot, swapped when the configuration changes. */
public interface TerminologySource {

    TerminologySnapshot current();
}
