package br.com.ponte.webhook.domain;

public enum EndpointStatus {
    ACTIVE,
    DISABLED
}
