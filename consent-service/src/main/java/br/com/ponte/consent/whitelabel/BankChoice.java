package br.com.ponte.consent.whitelabel;

import br.com.ponte.fapi.Participants.AuthorisationServer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static br.com.ponte.consent.api.FieldErrors.isHttpUrl;

/**
 * A bank as the screens show it: the directory's name and logo for its authorisation server. A logo
 * that is not an absolute http(s) URL is left out.
 */
public record BankChoice(String id, String name, String logoUri) {

    static BankChoice of(AuthorisationServer server) {
        String logo = server.logoUri() != null && isHttpUrl(server.logoUri()) ? server.logoUri() : null;
        return new BankChoice(server.authorisationServerId(), server.customerFriendlyName(), logo);
    }

    /** The query that names this bank on the review screen. */
    public String query() {
        return "bank=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}

