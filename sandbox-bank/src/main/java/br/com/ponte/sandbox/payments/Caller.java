package br.com.ponte.sandbox.payments;

import br.com.ponte.sandbox.client.RegisteredClient;
import br.com.ponte.sandbox.token.AccessToken;

/** Who calls the payments API: the registered client and the access token it presented. */
record Caller(RegisteredClient client, AccessToken token) {

    String clientId() {
        return client.clientId();
    }
}
