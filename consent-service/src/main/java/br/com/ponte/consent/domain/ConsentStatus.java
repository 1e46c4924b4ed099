package br.com.ponte.consent.domain;

/** Payment consent status, with the payments API's wire values. */
public enum ConsentStatus {
    AWAITING_AUTHORISATION(false),
    PARTIALLY_ACCEPTED(false),
    AUTHORISED(false),
    REJECTED(true),
    CONSUMED(true);

    private final boolean finalStatus;

    ConsentStatus(boolean finalStatus) {
        this.finalStatus = finalStatus;
    }

    public String wireValue() {
        return name();
    }

    public boolean isFinal() {
        return finalStatus;
    }
}
