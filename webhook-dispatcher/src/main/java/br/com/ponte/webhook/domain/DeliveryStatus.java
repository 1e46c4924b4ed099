package br.com.ponte.webhook.domain;

/** PENDING → SENDING → SUCCEEDED, or back to PENDING for a retry, or FAILED when the schedule is exhausted. */
public enum DeliveryStatus {
    PENDING(false),
    SENDING(false),
    SUCCEEDED(true),
    FAILED(true);

    private final boolean finalStatus;

    DeliveryStatus(boolean finalStatus) {
        this.finalStatus = finalStatus;
    }

    public boolean isFinal() {
        return finalStatus;
    }
}
