package br.com.ponte.sandbox.client;

/** A client's registration was deleted (RFC 7592): what was issued to it stops working. */
public record ClientDeleted(String clientId) {
}
