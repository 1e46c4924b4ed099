package br.com.ponte.fapi;

/** A transmitter's authorisation server as one client (Ponte for a partner) knows it. */
public record Transmitter(Discovery discovery, String clientId) {
}
