package br.com.ponte.consent.api;

import br.com.ponte.consent.config.ConsentConfig;
import br.com.ponte.consent.config.SharingConfig;
import br.com.ponte.consent.sharing.PermissionGroup;
import br.com.ponte.consent.sharing.RequestedGroup;
import br.com.ponte.consent.sharing.SessionStatus;
import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingConsents;
import br.com.ponte.consent.sharing.SharingInstitutions;
import br.com.ponte.consent.sharing.SharingSession;
import br.com.ponte.events.EventTime;
import br.com.ponte.fapi.Participants.AuthorisationServer;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.IdempotencyKeys;
import br.com.ponte.kit.security.CurrentPartner;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/v1/sharing-sessions")
@Tag(name = "Data sharing: sessions")
@SecurityRequirement(name = "partnerToken")
@RolesAllowed(CurrentPartner.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SharingSessionResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SharingConsents consents;
    private final SharingInstitutions institutions;
    private final CurrentPartner partner;
    private final ConsentConfig config;
    private final SharingConfig sharing;

    public SharingSessionResource(SharingConsents consents, SharingInstitutions institutions, CurrentPartner partner,
                                  ConsentConfig config, SharingConfig sharing) {
        this.consents = consents;
        this.institutions = institutions;
        this.partner = partner;
        this.config = config;
        this.sharing = sharing;
    }

    @POST
    @Operation(summary = "Start a consent-management session",
            description = "The user's CPF (and the company's CNPJ for a company's data), the purpose, the permission groups "
                    + "(each mandatory or optional, with a justification the user reads), the duration (durationMonths 1 to "
                    + "12, or indefinite), redirectUri, optionally the institutions to offer. 201 with the session's url: "
                    + "send the user there (a redirect from the partner's app or site) within its expirationDateTime. Emits "
                    + "sharing:session:started. Every problem of the request in one 422; a refused request writes nothing. "
                    + "With x-idempotency-key, a repeated request gets the same session; the same key with another body "
                    + "is 422 ERRO_IDEMPOTENCIA.")
    public Uni<Response> start(@HeaderParam("x-idempotency-key")
                               @Parameter(description = "Makes retries safe: same key, same answer") String idempotencyKey,
                               SharingSessionRequest request) {
        Instant now = EventTime.now();
        IdempotencyKeys.check(idempotencyKey);
        SharingSessionValidator.validate(request);
        String partnerId = partner.id();
        String hash = IdempotencyKeys.requestHash(request);
        Uni<SharingSession> stored = idempotencyKey == null ? open(partnerId, request, null, null, now)
                : Panache.withSession(() -> SharingSession.findByIdempotencyKey(partnerId, idempotencyKey)).chain(existing -> {
                    if (existing == null) {
                        return open(partnerId, request, idempotencyKey, hash, now);
                    }
                    if (!existing.requestHash.equals(hash)) {
                        throw IdempotencyKeys.reusedWithAnotherRequest(idempotencyKey);
                    }
                    return Uni.createFrom().item(existing);
                });
        return stored.chain(session -> view(session)).map(view -> Response
                .created(URI.create("/v1/sharing-sessions/" + view.id())).entity(view).build());
    }

    private Uni<SharingSession> open(String partnerId, SharingSessionRequest request, String idempotencyKey, String hash,
                                     Instant now) {
        List<PermissionGroup> groups = request.permissionGroups().stream()
                .map(g -> PermissionGroup.of(g.group()).orElseThrow()).toList();
        List<String> mandatory = request.permissionGroups().stream().filter(g -> Boolean.TRUE.equals(g.mandatory()))
                .map(SharingSessionRequest.Group::group).toList();
        return institutions.all().chain(all -> {
            if (request.institutions() != null) {
                List<String> unknown = request.institutions().stream()
                        .filter(id -> all.stream().noneMatch(server -> server.authorisationServerId().equals(id))).toList();
                if (!unknown.isEmpty()) {
                    throw ApiException.unprocessable("PARAMETRO_INVALIDO", "institutions " + unknown
                            + " are no authorisation servers in the directory offering the consents and resources APIs");
                }
            }
            List<PermissionGroup> required = groups.stream().filter(g -> mandatory.contains(g.name())).toList();
            List<AuthorisationServer> serving = all.stream()
                    .filter(server -> request.institutions() == null || request.institutions().contains(server.authorisationServerId()))
                    .filter(server -> SharingInstitutions.serves(server, required)).toList();
            if (serving.isEmpty()) {
                throw ApiException.unprocessable("SEM_INSTITUICOES", "No institution offered serves every mandatory group "
                        + required.stream().map(Enum::name).toList());
            }
            SharingSession session = new SharingSession();
            session.id = UUID.randomUUID();
            session.partnerId = partnerId;
            session.status = SessionStatus.ACTIVE;
            session.loggedUserDocument = request.loggedUser().document().identification();
            session.businessEntityDocument = request.businessEntity() == null ? null
                    : request.businessEntity().document().identification();
            session.purpose = request.purpose().strip();
            session.requestedGroups = json(request.permissionGroups().stream().map(g -> new RequestedGroup(
                    PermissionGroup.of(g.group()).orElseThrow(), Boolean.TRUE.equals(g.mandatory()),
                    g.justification() == null ? null : g.justification().strip())).toList());
            session.durationMonths = request.durationMonths();
            session.redirectUri = request.redirectUri();
            session.institutions = request.institutions() == null ? null : json(request.institutions());
            session.createdAt = now;
            session.statusUpdatedAt = now;
            session.expiresAt = now.plus(sharing.sessionWindow());
            session.idempotencyKey = idempotencyKey;
            session.requestHash = hash;
            return consents.start(session);
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a session and its progress",
            description = "ACTIVE while the user can use it, then FINISHED (the user went back to the partner) or EXPIRED; "
                    + "what the user confirmed, and the consents made in it, one per institution visited.")
    public Uni<SharingSessionResponse> get(@PathParam("id") String id) {
        UUID sessionId = ApiException.uuidOrNotFound(id, "sharing session");
        String partnerId = partner.id();
        return Panache.withSession(() -> SharingSession.findForPartner(sessionId, partnerId)).chain(session -> {
            if (session == null) {
                throw ApiException.notFound("No sharing session " + id);
            }
            return view(session);
        });
    }

    private Uni<SharingSessionResponse> view(SharingSession session) {
        return Panache.withSession(() -> SharingConsent.ofSession(session.id)).map(made -> SharingSessionResponse.of(session,
                session.status == SessionStatus.ACTIVE ? config.publicUrlOf("/whitelabel/sharing/" + session.id) : null, made));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
