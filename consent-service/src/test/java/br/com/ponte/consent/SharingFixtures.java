package br.com.ponte.consent;

import br.com.ponte.consent.sharing.SharingBank;
import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingConsents;
import br.com.ponte.consent.sharing.SharingJourney;
import br.com.ponte.fapi.Tokens;
import br.com.ponte.infra.PartnerTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/**
 * Data-sharing test data made the way it happens: a partner (with its whitelabel) starts sessions
 * through the API, the user confirms the data on the screens, consents are made at
 * {@link ModuleTestSharingBank} through {@link SharingJourney}, and what happens at the institution
 * afterwards (the user authorises, refuses, the term ends, ...) reaches Ponte through
 * {@link SharingConsents}, as the callback and the follower deliver it.
 */
final class SharingFixtures {

    static final String CPF = "76109277673";
    static final String CNPJ = "11222333000181";
    static final String RETURN = "https://partner.example/sharing/return";

    private final SharingJourney journey;
    private final SharingConsents consents;
    private final ModuleTestSharingBank bank;

    SharingFixtures(SharingJourney journey, SharingConsents consents, ModuleTestSharingBank bank) {
        this.journey = journey;
        this.consents = consents;
        this.bank = bank;
    }

    /** A partner with a token and its whitelabel set to {@code whitelabel}. */
    record Partner(String id, String token) {

        static Partner with(Map<String, Object> whitelabel) {
            String id = "partner-" + UUID.randomUUID();
            Partner partner = new Partner(id, PartnerTokens.issue(id));
            if (whitelabel != null) {
                given().auth().oauth2(partner.token()).contentType(ContentType.JSON).body(whitelabel)
                        .put("/v1/whitelabel").then().statusCode(200);
            }
            return partner;
        }
    }

    /** A session request: the user's CPF (and {@code cnpj}), the groups as "GROUP" or "GROUP!" for a mandatory one. */
    static Map<String, Object> sessionRequest(String cpf, String cnpj, Integer months, String... groups) {
        Map<String, Object> request = new HashMap<>();
        request.put("loggedUser", Map.of("document", Map.of("identification", cpf, "rel", "CPF")));
        if (cnpj != null) {
            request.put("businessEntity", Map.of("document", Map.of("identification", cnpj, "rel", "CNPJ")));
        }
        request.put("purpose", "Análise de crédito para oferecer um empréstimo com juros menores");
        List<Map<String, Object>> asked = new ArrayList<>();
        for (String group : groups) {
            boolean mandatory = group.endsWith("!");
            Map<String, Object> g = new HashMap<>();
            g.put("group", group.replace("!", ""));
            g.put("mandatory", mandatory);
            g.put("justification", mandatory ? "Para calcular a sua renda" : "Para oferecer um limite maior");
            asked.add(g);
        }
        request.put("permissionGroups", asked);
        if (months == null) {
            request.put("indefinite", true);
        } else {
            request.put("durationMonths", months);
        }
        request.put("redirectUri", RETURN);
        return request;
    }

    /** Starts the session; answers the path of its screens. */
    static String start(Partner partner, Map<String, Object> request) {
        String url = given().auth().oauth2(partner.token()).contentType(ContentType.JSON).body(request)
                .post("/v1/sharing-sessions").then().statusCode(201).extract().path("url");
        return URI.create(url).getPath();
    }

    static UUID sessionId(String screens) {
        return UUID.fromString(screens.substring(screens.lastIndexOf('/') + 1));
    }

    /** The user confirms {@code groups} and {@code duration} on the consent screen. */
    static ExtractableResponse<Response> confirm(String screens, String duration, String... groups) {
        var form = given().redirects().follow(false).contentType(ContentType.URLENC);
        for (String group : groups) {
            form.formParam("group", group);
        }
        if (duration != null) {
            form.formParam("duration", duration);
        }
        return form.post(screens + "/data").then().extract();
    }

    /** The user chooses {@code bank} on the institution screen. */
    static ExtractableResponse<Response> choose(String screens, String bank) {
        return given().redirects().follow(false).contentType(ContentType.URLENC).formParam("bank", bank)
                .post(screens + "/institution").then().extract();
    }

    static ExtractableResponse<Response> open(String path) {
        return given().redirects().follow(false).get(path).then().extract();
    }

    /** A consent waiting for the user at {@code bank}, made in a new session of {@code partner} for the user. */
    SharingConsent awaiting(Partner partner, String cpf, String cnpj, String bank, Integer months, String... groups) {
        String screens = start(partner, sessionRequest(cpf, cnpj, months, groups));
        confirm(screens, months == null ? "indefinite" : months.toString(),
                java.util.Arrays.stream(groups).map(g -> g.replace("!", "")).toArray(String[]::new));
        return await(() -> journey.toInstitution(sessionId(screens), bank));
    }

    /** The user authorised {@code consent} at the institution, which lists {@code resources} for it. */
    SharingConsent authorise(SharingConsent consent, SharingBank.Resource... resources) {
        bank.authorise(consent.transmitterConsentId, List.of(resources));
        await(() -> consents.authorised(consent.id, consent.permissionList(), consent.expirationDateTime,
                new Tokens("access-" + UUID.randomUUID(), "Bearer", 3600, "refresh-" + UUID.randomUUID(), null, null)));
        return await(() -> consents.resourcesRead(consent.id, List.of(resources)));
    }

    SharingConsent reject(SharingConsent consent) {
        return await(() -> consents.rejected(consent.id, "USER", SharingConsent.CUSTOMER_MANUALLY_REJECTED,
                "O usuário recusou na instituição"));
    }

    SharingConsent expire(SharingConsent consent) {
        return await(() -> consents.expired(consent.id));
    }

    SharingConsent revokedAtTheInstitution(SharingConsent consent) {
        bank.consents.get(consent.transmitterConsentId).status = "REJECTED";
        return await(() -> consents.revoked(consent.id, "USER", "TRANSMITTER", "USER", SharingConsent.CUSTOMER_MANUALLY_REVOKED,
                "Revogado na instituição"));
    }

    static SharingConsent read(UUID id) {
        return await(() -> Panache.withSession(() -> SharingConsent.<SharingConsent>findById(id)));
    }

    static SharingBank.Resource resource(String type, String status) {
        return new SharingBank.Resource(UUID.randomUUID().toString(), type, status);
    }

    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
