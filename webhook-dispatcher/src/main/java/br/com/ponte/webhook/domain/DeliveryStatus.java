package br.com.ponte.webhook.domain;

/**
 * PENDING → SENDING → SUCCEEDED, or back to PENDING for a retry, or FAILED when the schedule is
 * exhausted (a manual retry makes it PENDING again); CANCELLED when its endpoint was deleted.
 */
public enum DeliveryStatus {
    PENDING(false),
    SENDING(false),
    SUCCEEDED(true),
    FAILED(true),
    CANCELLED(true);

    private final boolean finalStatus;

    DeliveryStatus(boolean finalStatus) {
        this.finalStatus = finalStatus;
    }

    public boolean isFinal() {
        return finalStatus;
    }
}
