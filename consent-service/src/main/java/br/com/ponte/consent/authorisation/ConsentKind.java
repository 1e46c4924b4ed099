package br.com.ponte.consent.authorisation;

/** The kinds of consent a user authorises at a bank through Ponte. */
public enum ConsentKind {
    /** A payment consent (payments API v4): scope {@code payments}. */
    PAYMENT,
    /** A data-sharing consent (consents API v3): scopes for consents, resources and the data APIs granted. */
    SHARING
}
