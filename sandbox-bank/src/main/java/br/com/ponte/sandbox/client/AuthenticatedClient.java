package br.com.ponte.sandbox.client;

import br.com.ponte.sandbox.pki.ClientCertificate;

/** A client that proved who it is at the token or PAR endpoint, and the certificate it came with. */
public record AuthenticatedClient(RegisteredClient client, ClientCertificate certificate) {

    public String clientId() {
        return client.clientId();
    }
}
