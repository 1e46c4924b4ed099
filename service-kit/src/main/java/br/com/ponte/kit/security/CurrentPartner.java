package br.com.ponte.kit.security;

import br.com.ponte.kit.api.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The partner a request acts for: the subject of its access token, issued and signed by
 * certificate-vault. Every query of partner data is scoped with {@link #id()}.
 */
@RequestScoped
public class CurrentPartner {

    public static final String ROLE = "partner";

    @Inject
    JsonWebToken token;

    public String id() {
        String subject = token == null ? null : token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw ApiException.unauthorized("The access token names no partner");
        }
        return subject;
    }
}
