package br.com.ponte.sandbox.resource;

import br.com.ponte.sandbox.client.RegisteredClient;
import br.com.ponte.sandbox.token.AccessToken;

/**
 * Who calls an Open Finance API: the registered client, the access token it presented and, for a
 * token of the user's authorisation, the consent that token was issued for ({@code consent:<id>}).
 */
public record Caller(RegisteredClient client, AccessToken token, String consentId) {

    public String clientId() {
        return client.clientId();
    }
}
