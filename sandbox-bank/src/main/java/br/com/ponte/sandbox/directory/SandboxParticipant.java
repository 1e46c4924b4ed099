package br.com.ponte.sandbox.directory;

import br.com.ponte.sandbox.config.SandboxUrls;
import br.com.ponte.sandbox.directory.Participant.ApiDiscoveryEndpoint;
import br.com.ponte.sandbox.directory.Participant.ApiResource;
import br.com.ponte.sandbox.directory.Participant.AuthorisationServer;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.List;

/**
 * Banco Sandbox Ponte as the directory lists it. The ids are fixed so that a client may keep them
 * between runs; every URL is built from {@code sandbox.base-url}.
 */
@ApplicationScoped
public class SandboxParticipant {

    public static final String ORGANISATION_ID = "476b3013-7076-44cf-95da-3c19b582a08c";
    public static final String AUTHORISATION_SERVER_ID = "c9427b03-c565-47ce-90f1-09841f099026";
    public static final String NAME = "Banco Sandbox Ponte";
    /** A CNPJ with valid check digits; not a real bank's. */
    public static final String CNPJ = "12345678000195";

    public static final String PAYMENTS_CONSENTS = "payments-consents";
    public static final String PAYMENTS_PIX = "payments-pix";

    private final SandboxUrls urls;

    public SandboxParticipant(SandboxUrls urls) {
        this.urls = urls;
    }

    public Participant participant() {
        String base = urls.issuer();
        AuthorisationServer server = new AuthorisationServer(
                AUTHORISATION_SERVER_ID,
                ORGANISATION_ID,
                true,
                NAME,
                "Instituição transmissora local para desenvolvimento, demonstrações e testes da Ponte.",
                base + "/static/logo.svg",
                base + "/.well-known/openid-configuration",
                List.of(
                        new ApiResource("f7f3927a-9449-4056-9d87-a5b77af1dc86", PAYMENTS_CONSENTS, BigDecimal.valueOf(4),
                                List.of(new ApiDiscoveryEndpoint("dd19cb47-fe61-4f50-95de-82672f52ef5f",
                                        base + "/open-banking/payments/v4/consents"))),
                        new ApiResource("e257f389-d045-4764-b89e-735ab0f93789", PAYMENTS_PIX, BigDecimal.valueOf(4),
                                List.of(new ApiDiscoveryEndpoint("0ee50616-919c-4f86-b4e4-b26faffd5321",
                                        base + "/open-banking/payments/v4/pix/payments")))));
        return new Participant(ORGANISATION_ID, "Active", NAME, NAME, "BR",
                "Cadastro Nacional da Pessoa Jurídica", CNPJ, List.of(server));
    }
}
