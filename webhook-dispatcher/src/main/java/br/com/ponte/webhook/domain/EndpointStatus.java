package br.com.ponte.webhook.domain;

/** ACTIVE endpoints receive deliveries; DISABLED ones keep theirs pending until enabled; DELETED is final. */
public enum EndpointStatus {
    ACTIVE,
    DISABLED,
    DELETED
}
