package br.com.ponte.sandbox.authorization;

import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.pki.SandboxPki;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code sub} of a user: the same for a CPF every time (fapi-id3 5.2.2.2: never reassigned,
 * the same across consents) and revealing nothing of it, because the CPF is personal data and the
 * id_token travels through the browser. An HMAC of the CPF under a key only the brand has, so the
 * same person has another {@code sub} at each brand, as at two banks.
 */
@ApplicationScoped
public class Subjects {

    private final Map<Brand, SecretKeySpec> keys = new EnumMap<>(Brand.class);
    private final BrandContext bank;

    public Subjects(SandboxPki pki, BrandContext bank) {
        for (Brand brand : Brand.values()) {
            keys.put(brand, new SecretKeySpec(pki.subjectSecret(brand), "HmacSHA256"));
        }
        this.bank = bank;
    }

    public String of(String cpf) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.get(bank.brand()));
            byte[] subject = mac.doFinal(cpf.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(subject);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
