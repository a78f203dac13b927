package io.plantconsole.auth.model;

/** What a signature means (21 CFR 11.50: the meaning is shown and recorded with it). */
public enum SignatureMeaning {
    APPROVAL("Approval", "I approve this record."),
    REVIEW("Review", "I have reviewed this record."),
    RESPONSIBILITY("Responsibility", "I take responsibility for this action.");

    private final String displayName;
    private final String statement;

    SignatureMeaning(String displayName, String statement) {
        this.displayName = displayName;
        this.statement = statement;
    }

    public String displayName() {
        return displayName;
    }

    /** The sentence the signer confirms. */
    public String statement() {
        return statement;
    }
}
