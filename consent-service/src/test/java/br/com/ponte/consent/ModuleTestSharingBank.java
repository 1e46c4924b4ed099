package br.com.ponte.consent;

import br.com.ponte.consent.authorisation.BankAuthorisations;
import br.com.ponte.consent.sharing.SharingBank;
import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.kit.api.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.Mock;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The institutions for this module's tests of data sharing (consents and resources API v3): each
 * consent is kept as the institution would hold it, so what Ponte reads back (the screens' journey,
 * the follower's reads) agrees with what a test set. {@link ModuleTestDirectory#REFUSING_BANK}
 * refuses every consent (422), {@link ModuleTestDirectory#OFFLINE_BANK} never answers (504); a
 * consent marked with several approvers refuses a renewal with {@code DEPENDE_MULTIPLA_ALCADA}, as
 * the spec has it. The real path, sandbox-bank over mutual TLS, is devstack's.
 */
@Mock
@Singleton
public class ModuleTestSharingBank extends SharingBank {

    static final String REFUSAL_CODE = "COMBINACAO_PERMISSOES_INCORRETA";

    /** One consent as the institution holds it. */
    static final class AtBank {
        final String transmitter;
        volatile String status = "AWAITING_AUTHORISATION";
        volatile List<String> permissions;
        volatile Instant expiration;
        volatile List<Resource> resources = List.of();
        volatile boolean multipleApprovers;

        AtBank(String transmitter, List<String> permissions, Instant expiration) {
            this.transmitter = transmitter;
            this.permissions = permissions;
            this.expiration = expiration;
        }
    }

    /** A renewal the institution accepted. */
    record Extended(String transmitterConsentId, Instant expiration, String customerIp, String customerUserAgent) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, AtBank> consents = new ConcurrentHashMap<>();
    /** The bank's consent ids Ponte revoked, in order. */
    final List<String> revoked = new CopyOnWriteArrayList<>();
    final List<Extended> extended = new CopyOnWriteArrayList<>();
    /** Consents whose revocation the institution fails to answer (504). */
    final Set<String> unreachableForRevocation = ConcurrentHashMap.newKeySet();

    public ModuleTestSharingBank() {
        super(null, null);
    }

    /** Where an institution's authorisation page is: its host in {@link ModuleTestDirectory}. */
    static String authorisationPage(String transmitter) {
        return switch (transmitter) {
            case ModuleTestDirectory.ACCOUNTS_ONLY_BANK -> "https://contas.test/authorize";
            default -> "https://bank.test/authorize";
        };
    }

    @Override
    public Uni<Outcome> create(SharingConsent consent) {
        if (ModuleTestDirectory.REFUSING_BANK.equals(consent.transmitter)) {
            return Uni.createFrom().item(new Outcome(null, new Refused(422, REFUSAL_CODE, "A combinação de permissões não é aceita")));
        }
        if (ModuleTestDirectory.OFFLINE_BANK.equals(consent.transmitter)) {
            return Uni.createFrom().failure(unreachable());
        }
        String id = "urn:sharingtest:" + UUID.randomUUID();
        consents.put(id, new AtBank(consent.transmitter, consent.permissionList(), consent.expirationDateTime));
        return Uni.createFrom().item(new Outcome(new Created(id, consent.permissionList(), pushed(consent.transmitter, id)), null));
    }

    @Override
    public Uni<BankAuthorisations.Pushed> pushAgain(SharingConsent consent) {
        return Uni.createFrom().item(pushed(consent.transmitter, consent.transmitterConsentId));
    }

    @Override
    public Uni<JsonNode> read(SharingConsent consent) {
        AtBank held = consents.get(consent.transmitterConsentId);
        ObjectNode data = JSON.createObjectNode();
        data.put("consentId", consent.transmitterConsentId);
        data.put("status", held == null ? "AWAITING_AUTHORISATION" : held.status);
        if (held != null) {
            data.putArray("permissions").addAll(held.permissions.stream().map(JSON.getNodeFactory()::textNode).toList());
            if (held.expiration != null) {
                data.put("expirationDateTime", held.expiration.toString());
            }
        }
        return Uni.createFrom().item(data);
    }

    @Override
    public Uni<Void> revoke(SharingConsent consent) {
        if (unreachableForRevocation.contains(consent.transmitterConsentId)) {
            return Uni.createFrom().failure(unreachable());
        }
        revoked.add(consent.transmitterConsentId);
        AtBank held = consents.get(consent.transmitterConsentId);
        if (held != null) {
            held.status = "REJECTED";
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Outcome> extend(SharingConsent consent, String userToken, Instant expiration, String customerIp,
                               String customerUserAgent, String idempotencyKey) {
        AtBank held = consents.get(consent.transmitterConsentId);
        if (held == null || !"AUTHORISED".equals(held.status)) {
            return Uni.createFrom().item(new Outcome(null, new Refused(422, "ESTADO_CONSENTIMENTO_INVALIDO", "Consentimento não autorizado")));
        }
        if (held.multipleApprovers) {
            return Uni.createFrom().item(new Outcome(null, new Refused(422, "DEPENDE_MULTIPLA_ALCADA",
                    "Consentimento com múltipla alçada não pode ser renovado sem redirecionamento")));
        }
        held.expiration = expiration;
        extended.add(new Extended(consent.transmitterConsentId, expiration, customerIp, customerUserAgent));
        return Uni.createFrom().item(new Outcome(new Created(consent.transmitterConsentId, held.permissions, null), null));
    }

    @Override
    public Uni<List<Resource>> resources(SharingConsent consent, String userToken) {
        AtBank held = consents.get(consent.transmitterConsentId);
        return Uni.createFrom().item(held == null ? List.of() : held.resources);
    }

    /** The user authorised the consent at the institution, which lists {@code resources} for it. */
    void authorise(String transmitterConsentId, List<Resource> resources) {
        AtBank held = consents.get(transmitterConsentId);
        held.resources = List.copyOf(resources);
        held.status = "AUTHORISED";
    }

    private static BankAuthorisations.Pushed pushed(String transmitter, String consentId) {
        return new BankAuthorisations.Pushed(authorisationPage(transmitter) + "?client_id=module-test&request_uri=" + consentId
                + ":" + UUID.randomUUID(), UUID.randomUUID().toString(), "nonce", "verifier",
                "http://localhost/v1/authorisations/callback", null);
    }

    private static ApiException unreachable() {
        return new ApiException(504, "TRANSMISSORA_INDISPONIVEL", "Transmitter unavailable",
                "The transmitter could not be reached (module test)");
    }
}
