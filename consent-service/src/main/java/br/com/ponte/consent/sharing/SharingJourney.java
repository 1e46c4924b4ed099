package br.com.ponte.consent.sharing;

import br.com.ponte.consent.authorisation.Authorisation;
import br.com.ponte.consent.authorisation.Authorisations;
import br.com.ponte.consent.authorisation.ConsentHandler;
import br.com.ponte.consent.authorisation.ConsentKind;
import br.com.ponte.consent.config.ConsentConfig;
import br.com.ponte.consent.config.SharingConfig;
import br.com.ponte.events.EventTime;
import br.com.ponte.fapi.Tokens;
import br.com.ponte.kit.api.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The journey of a sharing consent between the user, the institution and the partner: created at
 * the institution when the user picks it in a session, authorised there and completed on the user's
 * return (the authorisation callback hands sharing consents' returns here), then followed: its
 * resources read until each is available, revocations and expiries at the institution noticed,
 * revocations and renewals asked for by the user or the partner carried out there.
 */
@ApplicationScoped
public class SharingJourney implements ConsentHandler {

    private static final Logger LOG = Logger.getLogger(SharingJourney.class);
    /** The detail of a revocation, or of a request cancelled, by the user on Ponte's dashboard. */
    public static final String BY_USER_AT_DASHBOARD = "Revogado pelo usuário no Meus compartilhamentos";

    private final SharingBank bank;
    private final SharingInstitutions institutions;
    private final SharingConsents consents;
    private final Authorisations authorisations;
    private final ConsentConfig config;
    private final SharingConfig sharing;

    public SharingJourney(SharingBank bank, SharingInstitutions institutions, SharingConsents consents,
                          Authorisations authorisations, ConsentConfig config, SharingConfig sharing) {
        this.bank = bank;
        this.institutions = institutions;
        this.consents = consents;
        this.authorisations = authorisations;
        this.config = config;
        this.sharing = sharing;
    }

    @Override
    public ConsentKind kind() {
        return ConsentKind.SHARING;
    }

    /**
     * The user of an open session chose {@code transmitter} (the screens checked it serves the data):
     * a consent for the data and duration the user confirmed is created there and its authorisation
     * pushed. Answers the consent to send the user with (its {@code authorisationUrl}). A consent at
     * that institution still waiting for the user gets a fresh redirect instead; one the institution
     * refused leaves the user free to choose again. Fails with an {@link ApiException}: 410 for a
     * closed session, 422 with the institution's code when it refuses, 502/504 when it fails.
     */
    public Uni<SharingConsent> toInstitution(UUID sessionId, String transmitter) {
        Instant now = EventTime.now();
        return Panache.withSession(() -> SharingSession.<SharingSession>findById(sessionId))
                .chain(session -> offered(session, transmitter, now))
                // the session is locked while its consent at this institution is found or made, so a double
                // submission makes one consent
                .chain(() -> Panache.withTransaction(() -> SharingSession.<SharingSession>findById(sessionId,
                                LockModeType.PESSIMISTIC_WRITE)
                        .chain(session -> SharingConsent.ofSession(sessionId).chain(made -> {
                            SharingConsent there = made.stream().filter(c -> c.transmitter.equals(transmitter)
                                    && !c.status.isFinal()).findFirst().orElse(null);
                            return there != null ? Uni.createFrom().item(there) : newConsent(session, transmitter, now).persist();
                        }))))
                .chain(consent -> {
                    if (consent.status == SharingStatus.AUTHORISED) {
                        return Uni.createFrom().item(consent);
                    }
                    if (consent.transmitterConsentId != null) {
                        return bank.pushAgain(consent).chain(pushed -> consents.pushedAgain(consent.id, pushed));
                    }
                    return createAtBank(consent);
                });
    }

    /** Checks the session is open, confirmed, and offers {@code transmitter}; fails with the reason otherwise. */
    private Uni<Void> offered(SharingSession session, String transmitter, Instant now) {
        if (session == null) {
            throw ApiException.notFound("No sharing session");
        }
        if (!session.isOpen(now)) {
            throw new ApiException(410, "SESSAO_ENCERRADA", "Sessão encerrada",
                    "Sharing session " + session.id + " is " + (session.status == SessionStatus.ACTIVE ? "expired"
                            : session.status.name().toLowerCase()));
        }
        if (!session.dataConfirmed()) {
            throw ApiException.unprocessable("DADOS_NAO_CONFIRMADOS", "The user has not confirmed the data yet");
        }
        List<PermissionGroup> mandatory = session.requested().stream().filter(RequestedGroup::mandatory)
                .map(RequestedGroup::group).toList();
        return institutions.serving(mandatory, session.institutionList()).map(offered -> {
            if (offered.stream().noneMatch(server -> server.authorisationServerId().equals(transmitter))) {
                throw ApiException.unprocessable("INSTITUICAO_NAO_OFERECIDA", "Institution " + transmitter
                        + " is not offered in this session: it is not in the directory, not among the partner's "
                        + "institutions, or does not serve every mandatory group");
            }
            return null;
        });
    }

    private Uni<SharingConsent> createAtBank(SharingConsent consent) {
        return bank.create(consent).chain(outcome -> {
            if (outcome.refused() != null) {
                SharingBank.Refused refused = outcome.refused();
                return consents.rejected(consent.id, "ASPSP", refused.code(), refused.detail()).invoke(rejected -> {
                    throw new ApiException(422, List.of(new br.com.ponte.kit.api.ErrorResponse.Error(refused.code(),
                            "Recusado pela transmissora", refused.detail() == null ? "" : refused.detail())));
                });
            }
            return consents.createdAtBank(consent.id, outcome.created());
        });
    }

    private static SharingConsent newConsent(SharingSession session, String transmitter, Instant now) {
        SharingConsent consent = new SharingConsent();
        consent.id = UUID.randomUUID();
        consent.partnerId = session.partnerId;
        consent.sessionId = session.id;
        consent.transmitter = transmitter;
        consent.status = SharingStatus.AWAITING_AUTHORISATION;
        consent.loggedUserDocument = session.loggedUserDocument;
        consent.businessEntityDocument = session.businessEntityDocument;
        consent.purpose = session.purpose;
        List<PermissionGroup> groups = session.chosen();
        consent.groups = JsonColumns.write(groups.stream().map(Enum::name).toList());
        consent.permissions = JsonColumns.write(PermissionGroup.permissionsOf(groups));
        consent.durationMonths = session.chosenDurationMonths;
        consent.expirationDateTime = session.chosenDurationMonths == null ? null
                : now.atOffset(ZoneOffset.UTC).plusMonths(session.chosenDurationMonths).toInstant()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        consent.createdAt = now;
        consent.statusUpdatedAt = now;
        return consent;
    }

    /**
     * The user approved at the institution: the consent is read there and mirrored (AUTHORISED with
     * what was granted, the user's tokens kept; or REJECTED with the institution's reason), its
     * resources are read, and the user goes to the session's result for this institution.
     */
    @Override
    public Uni<URI> approved(Authorisation authorisation, Tokens tokens) {
        return consent(authorisation.consentId).chain(consent -> bank.read(consent)
                .chain(data -> switch (data.path("status").asText()) {
                    case "AUTHORISED" -> consents.authorised(consent.id, strings(data.path("permissions")),
                                    instant(data.path("expirationDateTime")), tokens)
                            .call(authorised -> readResources(authorised.id)
                                    .onFailure().invoke(e -> LOG.warnf("Reading the resources of consent %s failed; the "
                                            + "follower reads them again: %s", authorised.id, e.getMessage()))
                                    .onFailure().recoverWithNull());
                    case "REJECTED" -> endedAtBank(consent, data);
                    default -> Uni.createFrom().failure(ApiException.badRequest("AUTORIZACAO_INVALIDA",
                            "The institution reports the consent " + data.path("status").asText() + " after the user's return"));
                })
                .map(this::result));
    }

    @Override
    public Uni<URI> refused(Authorisation authorisation, String error, String description) {
        // the institution has the reason; when it cannot be read, the redirect says the user refused
        return consent(authorisation.consentId).chain(consent -> bank.read(consent)
                .chain(data -> "REJECTED".equals(data.path("status").asText()) ? endedAtBank(consent, data)
                        : consents.rejected(consent.id, "USER", SharingConsent.CUSTOMER_MANUALLY_REJECTED, description))
                .onFailure().recoverWithUni(e -> consents.rejected(consent.id, "USER", SharingConsent.CUSTOMER_MANUALLY_REJECTED,
                        description == null ? error : description))
                .map(this::result));
    }

    /** The session's result screen for this consent's institution. */
    private URI result(SharingConsent consent) {
        return URI.create(config.publicUrlOf("/whitelabel/sharing/" + consent.sessionId + "/result?consent=" + consent.id));
    }

    @Override
    public Uni<Usable> usable(UUID consentId) {
        return consent(consentId).chain(consent -> {
            if (consent.status != SharingStatus.AUTHORISED) {
                throw ApiException.conflict("CONSENTIMENTO_INVALIDO", "The consent is " + consent.status + ", not AUTHORISED");
            }
            return Panache.withSession(() -> SharingResource.ofConsent(consentId)).map(resources -> {
                ObjectNode view = JsonColumns.JSON.createObjectNode();
                ArrayNode permissions = view.putArray("permissions");
                consent.permissionList().forEach(permissions::add);
                ArrayNode groups = view.putArray("groups");
                consent.groupList().forEach(group -> groups.add(group.name()));
                view.put("loggedUserDocument", consent.loggedUserDocument);
                if (consent.businessEntityDocument != null) {
                    view.put("businessEntityDocument", consent.businessEntityDocument);
                }
                ArrayNode list = view.putArray("resources");
                resources.forEach(r -> list.addObject().put("resourceId", r.resourceId).put("type", r.type)
                        .put("status", r.status.name()));
                return new Usable(consent.status.name(), consent.expirationDateTime, view, null);
            });
        });
    }

    /** Reads the consent's resources at the institution with the user's token, and mirrors them. */
    public Uni<SharingConsent> readResources(UUID consentId) {
        return authorisations.grant(consentId).chain(grant -> consent(consentId)
                .chain(consent -> bank.resources(consent, grant.accessToken()))
                .chain(listed -> consents.resourcesRead(consentId, listed)));
    }

    /**
     * The follower's read of a consent at its institution: a revocation or an expiry there is mirrored
     * (the institution need not tell Ponte); an authorised consent's resources are read again. A
     * consent still awaiting the user is read again later.
     */
    public Uni<SharingConsent> check(UUID consentId) {
        return consent(consentId).chain(consent -> {
            if (consent.status.isFinal() || consent.transmitterConsentId == null) {
                return Uni.createFrom().item(consent);
            }
            return bank.read(consent).chain(data -> switch (data.path("status").asText()) {
                case "REJECTED" -> endedAtBank(consent, data);
                case "AUTHORISED" -> consent.status == SharingStatus.AUTHORISED ? readResources(consentId)
                        // approved at the institution, but the user never came back through Ponte: without the
                        // user's tokens it cannot be used, so it is ended there rather than left open
                        : bank.revoke(consent).chain(() -> consents.rejected(consentId, "TPP", "CONSENT_TECHNICAL_ISSUE",
                        "O usuário não voltou da instituição; a autorização não pôde ser concluída"));
                default -> consents.checkedAgainLater(consentId, java.time.Duration.ofMinutes(1));
            });
        });
    }

    /**
     * The institution has the consent REJECTED: mirrored as it happened there. An authorised one was
     * revoked (by the user in the institution's channels, or by the institution) or reached its term;
     * one never authorised was refused or not decided in time.
     */
    private Uni<SharingConsent> endedAtBank(SharingConsent consent, JsonNode data) {
        JsonNode rejection = data.path("rejection");
        String by = rejection.path("rejectedBy").asText("ASPSP");
        String code = rejection.path("reason").path("code").asText("CONSENT_TECHNICAL_ISSUE");
        String detail = rejection.path("reason").path("additionalInformation").asText(null);
        if (SharingConsent.CONSENT_EXPIRED.equals(code) || SharingConsent.CONSENT_MAX_DATE_REACHED.equals(code)) {
            return consents.expired(consent.id);
        }
        if (consent.status == SharingStatus.AUTHORISED) {
            return consents.revoked(consent.id, "USER".equals(by) ? "USER" : "TRANSMITTER", "TRANSMITTER", by, code,
                    detail == null ? "Revogado na instituição" : detail);
        }
        return consents.rejected(consent.id, by, code, detail);
    }

    /**
     * The user (at Ponte's dashboard) or the partner ends a sharing: revoked at the institution first
     * ({@code DELETE}), then here with who and where. A consent still awaiting the user is cancelled
     * the same way. Fails (502/504, nothing changed) when the institution cannot be reached.
     */
    public Uni<SharingConsent> revoke(UUID consentId, String revokedBy, String channel) {
        return consent(consentId).chain(consent -> {
            if (consent.status.isFinal()) {
                throw ApiException.unprocessable("CONSENTIMENTO_EM_STATUS_REJEITADO",
                        "The sharing consent ended already (" + consent.rejectionReasonCode + ")");
            }
            Uni<Void> atBank = consent.transmitterConsentId == null ? Uni.createFrom().voidItem() : bank.revoke(consent);
            String detail = "USER".equals(revokedBy) ? BY_USER_AT_DASHBOARD : "Revogado pela instituição receptora";
            return atBank.chain(() -> consent.status == SharingStatus.AUTHORISED
                    ? consents.revoked(consentId, revokedBy, channel, "USER".equals(revokedBy) ? "USER" : "TPP",
                    SharingConsent.CUSTOMER_MANUALLY_REVOKED, detail)
                    : consents.cancelled(consentId, revokedBy, channel, "USER".equals(revokedBy) ? "USER" : "TPP",
                    SharingConsent.CUSTOMER_MANUALLY_REJECTED, detail));
        });
    }

    /**
     * Renews a sharing at its institution without a new journey (consents API v3 {@code extends}) until
     * {@code expiration} (null: indefinitely), on the user's behalf: {@code customerIp} and
     * {@code customerUserAgent} are the user's, as the institution requires. The institution's refusal
     * is the answer (422 with its code, e.g. {@code DEPENDE_MULTIPLA_ALCADA}).
     */
    public Uni<SharingConsent> extend(UUID consentId, Instant expiration, String requestedBy, String customerIp,
                                      String customerUserAgent, String idempotencyKey, String requestHash) {
        return consent(consentId).chain(consent -> {
            if (consent.status != SharingStatus.AUTHORISED) {
                throw ApiException.unprocessable("ESTADO_CONSENTIMENTO_INVALIDO",
                        "Only an AUTHORISED sharing consent is renewed; this one is " + consent.status);
            }
            if (expiration != null && consent.expirationDateTime != null && !expiration.isAfter(consent.expirationDateTime)) {
                throw ApiException.unprocessable("DATA_EXPIRACAO_INVALIDA",
                        "The new term must be later than the current one (" + consent.expirationDateTime + ")");
            }
            String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
            return authorisations.grant(consentId).chain(grant -> bank.extend(consent, grant.accessToken(), expiration,
                    customerIp, customerUserAgent, key)).chain(outcome -> {
                if (outcome.refused() != null) {
                    throw new ApiException(422, List.of(new br.com.ponte.kit.api.ErrorResponse.Error(outcome.refused().code(),
                            "Renovação recusada pela transmissora", outcome.refused().detail() == null ? ""
                            : outcome.refused().detail())));
                }
                return consents.extended(consentId, expiration, requestedBy, idempotencyKey, requestHash);
            });
        });
    }

    private static Uni<SharingConsent> consent(UUID id) {
        return Panache.withSession(() -> SharingConsent.<SharingConsent>findById(id)).map(consent -> {
            if (consent == null) {
                throw ApiException.notFound("No sharing consent " + id);
            }
            return consent;
        });
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Instant instant(JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }
}
