package br.com.ponte.collection.domain;

/** Where a collection run is; a run that finished or failed never changes again. */
public enum CollectionStatus {
    PENDING(false),
    RUNNING(false),
    FINISHED(true),
    FAILED(true);

    private final boolean finalStatus;

    CollectionStatus(boolean finalStatus) {
        this.finalStatus = finalStatus;
    }

    public String wireValue() {
        return name();
    }

    public boolean isFinal() {
        return finalStatus;
    }
}
