package br.com.ponte.sandbox.resource;

/**
 * The kinds of consent a {@code consent:<id>} scope may name, each served by its own APIs: payment
 * consents (payments v4, whose bodies are signed JWTs both ways) and data-sharing consents
 * (consents v3 and the data APIs, plain JSON).
 */
public enum ConsentKind {
    PAYMENT(true),
    DATA_SHARING(false);

    private final boolean signedBodies;

    ConsentKind(boolean signedBodies) {
        this.signedBodies = signedBodies;
    }

    /** Whether the APIs of this kind sign their bodies, so their 422s are signed too. */
    public boolean signedBodies() {
        return signedBodies;
    }
}
