package br.com.ponte.collection.domain;

/**
 * What happens to a consent's collected data when it is revoked or expires: deleted at once (the
 * default, LGPD's minimisation), or kept for the partner to handle under its own policy.
 */
public enum Retention {
    DELETE_AT_END,
    KEEP
}
