package br.com.ponte.consent.sharing;

import br.com.ponte.consent.authorisation.BankAuthorisations;
import br.com.ponte.consent.authorisation.Transmitters;
import br.com.ponte.fapi.BankConnection;
import br.com.ponte.fapi.FapiException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sharing consents at the institution (consents API v3 and resources API v3, plain JSON bodies):
 * create one (client-credentials token, scope {@code consents}) and push its authorisation with the
 * scopes of the data it covers; read, revoke and renew it; list the resources the user shared.
 */
@ApplicationScoped
public class SharingBank {

    /** The directory's API families. */
    public static final String CONSENTS = "consents";
    public static final String RESOURCES = "resources";
    private static final String SCOPE = "consents";

    /** The institution created the consent, kept these permissions, and the user is to be sent to its authorisation. */
    public record Created(String transmitterConsentId, List<String> permissions, BankAuthorisations.Pushed pushed) {
    }

    /** The institution's refusal (400 or 422): its code and detail. */
    public record Refused(int status, String code, String detail) {
    }

    public record Outcome(Created created, Refused refused) {
    }

    /** A resource as the resources API lists it. */
    public record Resource(String resourceId, String type, String status) {
    }

    private final Transmitters transmitters;
    private final BankAuthorisations authorisations;

    public SharingBank(Transmitters transmitters, BankAuthorisations authorisations) {
        this.transmitters = transmitters;
        this.authorisations = authorisations;
    }

    /**
     * Creates the consent at the institution with the consent's id as {@code x-idempotency-key} (a retry
     * gets the same consent back) and pushes its authorisation request.
     */
    public Uni<Outcome> create(SharingConsent consent) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("loggedUser", document(consent.loggedUserDocument, "CPF"));
        if (consent.businessEntityDocument != null) {
            data.put("businessEntity", document(consent.businessEntityDocument, "CNPJ"));
        }
        data.put("permissions", consent.permissionList());
        if (consent.expirationDateTime != null) {
            data.put("expirationDateTime", wire(consent.expirationDateTime));
        }
        return transmitters.open(consent.partnerId, consent.transmitter).chain(bank -> bank.withClientToken(SCOPE,
                        token -> bank.postJson(bank.server().endpoint(CONSENTS), token, consent.id.toString(), data, Map.of()))
                .chain(answer -> switch (answer.status()) {
                    case 201 -> {
                        String id = answer.data().path("consentId").asText();
                        List<String> kept = strings(answer.data().path("permissions"));
                        yield authorisations.push(bank, PermissionGroup.scopesFor(kept), id)
                                .map(pushed -> new Outcome(new Created(id, kept, pushed), null));
                    }
                    case 400, 422 -> Uni.createFrom().item(new Outcome(null,
                            new Refused(answer.status(), answer.errorCode(), answer.errorDetail())));
                    default -> Uni.createFrom().failure(Transmitters.unavailable(consent.transmitter, consent.id,
                            answer.status(), answer.errorCode()));
                }))
                .onFailure(FapiException.class).transform(e -> Transmitters.unavailable(consent.transmitter, consent.id,
                        (FapiException) e));
    }

    /** A new authorisation request for a consent already at the institution (the user did not get there in time). */
    public Uni<BankAuthorisations.Pushed> pushAgain(SharingConsent consent) {
        return transmitters.open(consent.partnerId, consent.transmitter)
                .chain(bank -> authorisations.push(bank, PermissionGroup.scopesFor(consent.permissionList()),
                        consent.transmitterConsentId))
                .onFailure(FapiException.class).transform(e -> Transmitters.unavailable(consent.transmitter, consent.id,
                        (FapiException) e));
    }

    /** The consent as the institution has it: the {@code data} of {@code ResponseConsentRead}. */
    public Uni<JsonNode> read(SharingConsent consent) {
        return transmitters.open(consent.partnerId, consent.transmitter).chain(bank -> bank.withClientToken(SCOPE,
                        token -> bank.get(url(bank, consent), token))
                .map(answer -> {
                    if (answer.status() != 200) {
                        throw Transmitters.unavailable(consent.transmitter, consent.id, answer.status(), answer.errorCode());
                    }
                    return answer.data();
                }))
                .onFailure(FapiException.class).transform(e -> Transmitters.unavailable(consent.transmitter, consent.id,
                        (FapiException) e));
    }

    /**
     * Revokes the consent at the institution ({@code DELETE}). A consent the institution has as
     * REJECTED already (422 {@code CONSENTIMENTO_EM_STATUS_REJEITADO}) is revoked as far as it is concerned.
     */
    public Uni<Void> revoke(SharingConsent consent) {
        return transmitters.open(consent.partnerId, consent.transmitter).chain(bank -> bank.withClientToken(SCOPE,
                        token -> bank.delete(url(bank, consent), token))
                .map(answer -> {
                    boolean alreadyEnded = answer.status() == 422 && "CONSENTIMENTO_EM_STATUS_REJEITADO".equals(answer.errorCode());
                    if (answer.status() != 204 && answer.status() != 200 && !alreadyEnded) {
                        throw Transmitters.unavailable(consent.transmitter, consent.id, answer.status(), answer.errorCode());
                    }
                    return (Void) null;
                }))
                .onFailure(FapiException.class).transform(e -> Transmitters.unavailable(consent.transmitter, consent.id,
                        (FapiException) e));
    }

    /**
     * Renews the consent without a new journey ({@code POST /consents/{id}/extends}, with the user's
     * token and the user's IP address and user agent, as the spec has it). 201 gives the new term; a
     * 422 is the institution's refusal ({@code DEPENDE_MULTIPLA_ALCADA}, ...).
     */
    public Uni<Outcome> extend(SharingConsent consent, String userToken, Instant expiration, String customerIp,
                               String customerUserAgent, String idempotencyKey) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("loggedUser", document(consent.loggedUserDocument, "CPF"));
        if (consent.businessEntityDocument != null) {
            data.put("businessEntity", document(consent.businessEntityDocument, "CNPJ"));
        }
        if (expiration != null) {
            data.put("expirationDateTime", wire(expiration));
        }
        return transmitters.open(consent.partnerId, consent.transmitter)
                .chain(bank -> bank.postJson(url(bank, consent) + "/extends", userToken, idempotencyKey, data,
                        Map.of("x-fapi-customer-ip-address", customerIp, "x-customer-user-agent", customerUserAgent)))
                .map(answer -> switch (answer.status()) {
                    case 201, 200 -> new Outcome(new Created(consent.transmitterConsentId,
                            strings(answer.data().path("permissions")), null), null);
                    case 400, 422 -> new Outcome(null, new Refused(answer.status(), answer.errorCode(), answer.errorDetail()));
                    default -> throw Transmitters.unavailable(consent.transmitter, consent.id, answer.status(), answer.errorCode());
                })
                .onFailure(FapiException.class).transform(e -> Transmitters.unavailable(consent.transmitter, consent.id,
                        (FapiException) e));
    }

    /** Every resource the consent gives access to, every page followed, read with the user's token. */
    public Uni<List<Resource>> resources(SharingConsent consent, String userToken) {
        return transmitters.open(consent.partnerId, consent.transmitter)
                .chain(bank -> page(bank, bank.server().endpoint(RESOURCES) + "?page=1&page-size=1000", userToken,
                        new ArrayList<>(), consent))
                .onFailure(FapiException.class).transform(e -> Transmitters.unavailable(consent.transmitter, consent.id,
                        (FapiException) e));
    }

    private Uni<List<Resource>> page(BankConnection bank, String url, String token, List<Resource> read, SharingConsent consent) {
        return bank.get(url, token).chain(answer -> {
            if (answer.status() != 200) {
                throw Transmitters.unavailable(consent.transmitter, consent.id, answer.status(), answer.errorCode());
            }
            answer.data().forEach(r -> read.add(new Resource(r.path("resourceId").asText(), r.path("type").asText(),
                    r.path("status").asText())));
            String next = answer.body().path("links").path("next").asText(null);
            // a bank that keeps answering "next" is not followed forever
            return next == null || next.equals(url) || read.size() > 100_000 ? Uni.createFrom().item(read)
                    : page(bank, next, token, read, consent);
        });
    }

    private static String url(BankConnection bank, SharingConsent consent) {
        return bank.server().endpoint(CONSENTS) + "/" + consent.transmitterConsentId;
    }

    private static Map<String, Object> document(String identification, String rel) {
        return Map.of("document", Map.of("identification", identification, "rel", rel));
    }

    /** RFC 3339 in UTC without fractions, as the consents API's pattern wants it. */
    static String wire(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
