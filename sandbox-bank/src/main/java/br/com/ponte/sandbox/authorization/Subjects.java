package br.com.ponte.sandbox.authorization;

import br.com.ponte.sandbox.pki.SandboxPki;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The {@code sub} of a user: the same for a CPF every time (fapi-id3 5.2.2.2: never reassigned,
 * the same across consents) and revealing nothing of it, because the CPF is personal data and the
 * id_token travels through the browser. An HMAC of the CPF under a key only this sandbox has.
 */
@ApplicationScoped
public class Subjects {

    private final SecretKeySpec key;

    public Subjects(SandboxPki pki) {
        this.key = new SecretKeySpec(pki.subjectSecret(), "HmacSHA256");
    }

    public String of(String cpf) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] subject = mac.doFinal(cpf.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(subject);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
