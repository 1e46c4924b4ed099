package br.com.ponte.sandbox.client;

import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.brand.BrandTables;
import br.com.ponte.sandbox.client.SoftwareStatementVerifier.VerifiedSoftwareStatement;
import br.com.ponte.sandbox.oauth.DiscoveryResource;
import br.com.ponte.sandbox.oauth.Endpoints;
import br.com.ponte.sandbox.oauth.OAuthError;
import br.com.ponte.sandbox.oauth.Scopes;
import br.com.ponte.sandbox.oauth.Secrets;
import br.com.ponte.sandbox.pki.ClientCertificate;
import br.com.ponte.sandbox.store.SandboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Dynamic client registration and management (RFC 7591, RFC 7592) with the checks dcr-id3 asks of a
 * bank: a directory-signed, fresh software statement; a transport certificate of that very software
 * statement; redirect URIs among the statement's; keys by reference to the directory; only the
 * methods and algorithms the Brazil profile allows; one registration per software statement at each
 * brand. Each brand keeps its own clients.
 */
@ApplicationScoped
public class ClientRegistrations {

    static final String PRIVATE_KEY_JWT = "private_key_jwt";
    static final Set<String> RESPONSE_TYPES = Set.of("code id_token", "code");
    /**
     * The grant types a client may register. {@code implicit} is accepted because OpenID Connect
     * Registration pairs it with response type {@code code id_token}; no token is ever issued by it.
     */
    static final Set<String> GRANT_TYPES = Set.of("authorization_code", "implicit", "refresh_token", "client_credentials");
    static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    static final List<String> DEFAULT_GRANT_TYPES = List.of("authorization_code", "refresh_token", "client_credentials");

    private final BrandTables<RegisteredClient> clients;
    private final SoftwareStatementVerifier verifier;
    private final BrandContext bank;
    private final Event<ClientDeleted> deleted;

    public ClientRegistrations(SandboxStore store, SoftwareStatementVerifier verifier, BrandContext bank,
                               Event<ClientDeleted> deleted) {
        this.clients = new BrandTables<>(store, bank, "clients", RegisteredClient.class);
        this.verifier = verifier;
        this.bank = bank;
        this.deleted = deleted;
    }

    /** The client, if it registered at the brand the request is for: a client of one brand is unknown at the other. */
    public Optional<RegisteredClient> find(String clientId) {
        return clientId == null ? Optional.empty() : clients.current().find(clientId);
    }

    /** The client at the brand it registered at, outside any request (client ids are unique across brands). */
    public Optional<RegisteredClient> findAtAnyBrand(String clientId) {
        return Arrays.stream(Brand.values()).flatMap(brand -> clients.of(brand).find(clientId).stream()).findFirst();
    }

    /** {@code POST /register}: a new client for the software statement of the presented certificate. */
    public synchronized RegistrationResponse register(ClientCertificate certificate, RegistrationRequest request) {
        VerifiedSoftwareStatement statement = verifier.verify(request.softwareStatement());
        requireCertificateOf(certificate, statement.organisationId(), statement.softwareId());
        String registrationAccessToken = Secrets.random();
        RegisteredClient client = settings(UUID.randomUUID().toString(), Instant.now(),
                Secrets.hash(registrationAccessToken), statement, request);
        clients.current().rows(other -> other.softwareId().equals(statement.softwareId())).stream().findFirst()
                .ifPresent(existing -> {
                    throw OAuthError.invalidClientMetadata("Software statement " + statement.softwareId()
                            + " is registered already, as client " + existing.clientId()
                            + "; manage that registration at its registration_client_uri");
                });
        clients.current().put(client.clientId(), client);
        return response(client, registrationAccessToken);
    }

    /** {@code GET /register/{client_id}}. */
    public RegistrationResponse read(String clientId, String registrationAccessToken,
                                     Optional<ClientCertificate> certificate) {
        return response(managed(clientId, registrationAccessToken, certificate), registrationAccessToken);
    }

    /** {@code PUT /register/{client_id}}: replaces the metadata, checked as on registration. */
    public RegistrationResponse update(String clientId, String registrationAccessToken,
                                       Optional<ClientCertificate> certificate, RegistrationRequest request) {
        RegisteredClient client = managed(clientId, registrationAccessToken, certificate);
        if (!clientId.equals(request.clientId())) {
            throw OAuthError.invalidClientMetadata("client_id in the body must be " + clientId);
        }
        VerifiedSoftwareStatement statement = verifier.verify(request.softwareStatement());
        if (!statement.softwareId().equals(client.softwareId())
                || !statement.organisationId().equals(client.organisationId())) {
            throw OAuthError.invalidSoftwareStatement("The software statement is not the client's (software_id "
                    + client.softwareId() + ")");
        }
        RegisteredClient updated = settings(clientId, client.issuedAt(), client.registrationAccessTokenHash(), statement,
                request);
        clients.current().put(clientId, updated);
        return response(updated, registrationAccessToken);
    }

    /** {@code DELETE /register/{client_id}}: the client and what was issued to it are gone. */
    public void delete(String clientId, String registrationAccessToken, Optional<ClientCertificate> certificate) {
        managed(clientId, registrationAccessToken, certificate);
        clients.current().take(clientId);
        deleted.fire(new ClientDeleted(clientId));
    }

    /**
     * The client a management call is about: it must name a registered client, carry that client's
     * registration access token and come with that client's transport certificate (dcr-id3 9.3.2).
     */
    private RegisteredClient managed(String clientId, String registrationAccessToken,
                                     Optional<ClientCertificate> certificate) {
        ClientCertificate presented = certificate.orElseThrow(() -> OAuthError.invalidClient(
                "A client certificate is required (mutual TLS)"));
        RegisteredClient client = find(clientId)
                .filter(found -> registrationAccessToken != null
                        && Secrets.same(Secrets.hash(registrationAccessToken), found.registrationAccessTokenHash()))
                .orElseThrow(() -> OAuthError.invalidClient("Unknown client or wrong registration access token"));
        requireCertificateOf(presented, client.organisationId(), client.softwareId());
        return client;
    }

    private static void requireCertificateOf(ClientCertificate certificate, String organisationId, String softwareId) {
        if (!certificate.identifies(organisationId, softwareId)) {
            throw OAuthError.invalidClient("The client certificate (organizationIdentifier " + certificate.organisationId()
                    + ", UID " + certificate.softwareStatementId() + ") is not one of software statement " + softwareId
                    + " of organisation " + organisationId);
        }
    }

    /** The registration the request asks for, with the software statement's values taking precedence (dcr-id3 7.1-10). */
    private static RegisteredClient settings(String clientId, Instant issuedAt, String registrationAccessTokenHash,
                                             VerifiedSoftwareStatement statement, RegistrationRequest request) {
        if (request.jwks() != null) {
            throw OAuthError.invalidClientMetadata("jwks is not accepted: keys are published by the directory (jwks_uri)");
        }
        if (request.jwksUri() != null && !request.jwksUri().equals(statement.jwksUri())) {
            throw OAuthError.invalidClientMetadata("jwks_uri must be the software statement's software_jwks_uri "
                    + statement.jwksUri());
        }
        if (request.redirectUris() == null || request.redirectUris().isEmpty()) {
            throw OAuthError.invalidRedirectUri("redirect_uris is required");
        }
        List<String> foreign = request.redirectUris().stream()
                .filter(uri -> !statement.redirectUris().contains(uri))
                .toList();
        if (!foreign.isEmpty()) {
            throw OAuthError.invalidRedirectUri("Not among the software statement's software_redirect_uris: " + foreign);
        }
        if (request.tokenEndpointAuthMethod() != null && !PRIVATE_KEY_JWT.equals(request.tokenEndpointAuthMethod())) {
            throw OAuthError.invalidClientMetadata("token_endpoint_auth_method must be private_key_jwt");
        }
        requirePs256("token_endpoint_auth_signing_alg", request.tokenEndpointAuthSigningAlg());
        requirePs256("id_token_signed_response_alg", request.idTokenSignedResponseAlg());
        requirePs256("request_object_signing_alg", request.requestObjectSigningAlg());
        requirePs256("authorization_signed_response_alg", request.authorizationSignedResponseAlg());
        List<String> grantTypes = request.grantTypes() == null ? DEFAULT_GRANT_TYPES : List.copyOf(request.grantTypes());
        if (grantTypes.isEmpty() || !GRANT_TYPES.containsAll(grantTypes)) {
            throw OAuthError.invalidClientMetadata("grant_types must be among " + GRANT_TYPES);
        }
        List<String> responseTypes = request.responseTypes() == null ? List.of("code id_token")
                : List.copyOf(request.responseTypes());
        if (responseTypes.isEmpty() || !RESPONSE_TYPES.containsAll(responseTypes)) {
            throw OAuthError.invalidClientMetadata("response_types must be among " + RESPONSE_TYPES);
        }
        Set<String> permitted = Scopes.permittedBy(statement.roles());
        Set<String> scopes = request.scope() == null ? permitted : Scopes.parse(request.scope());
        if (!permitted.containsAll(scopes)) {
            throw OAuthError.invalidClientMetadata("scope may only hold what the software statement's roles "
                    + statement.roles() + " permit: " + permitted);
        }
        return new RegisteredClient(clientId, issuedAt, registrationAccessTokenHash, statement.organisationId(),
                statement.softwareId(), statement.clientName(), List.copyOf(request.redirectUris()), grantTypes,
                responseTypes, List.copyOf(scopes), statement.jwksUri(), request.softwareStatement(),
                webhookUris(request.webhookUris()));
    }

    /**
     * Webhook URIs: absolute https (plain http only on loopback hosts, for a developer's receiver),
     * without query or fragment, since the bank appends the resource's path.
     */
    private static List<String> webhookUris(List<String> uris) {
        if (uris == null) {
            return List.of();
        }
        for (String uri : uris) {
            URI parsed;
            try {
                parsed = URI.create(uri);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw OAuthError.invalidClientMetadata("webhook_uris holds something that is not a URI: " + uri);
            }
            boolean secure = "https".equals(parsed.getScheme());
            boolean loopback = "http".equals(parsed.getScheme()) && LOOPBACK.contains(parsed.getHost());
            if (parsed.getHost() == null || parsed.getQuery() != null || parsed.getFragment() != null
                    || !(secure || loopback)) {
                throw OAuthError.invalidClientMetadata("A webhook URI must be an absolute https URI without query or "
                        + "fragment (http only on localhost): " + uri);
            }
        }
        return List.copyOf(uris);
    }

    private static void requirePs256(String name, String value) {
        if (value != null && !DiscoveryResource.PS256.equals(value)) {
            throw OAuthError.invalidClientMetadata(name + " must be PS256");
        }
    }

    private RegistrationResponse response(RegisteredClient client, String registrationAccessToken) {
        return new RegistrationResponse(client.clientId(), client.issuedAt().getEpochSecond(), registrationAccessToken,
                bank.url(Endpoints.REGISTER + "/" + client.clientId()), client.clientName(), client.redirectUris(),
                client.grantTypes(), client.responseTypes(), Scopes.format(client.scopes()), client.jwksUri(),
                client.softwareId(), client.softwareStatement(), PRIVATE_KEY_JWT, DiscoveryResource.PS256,
                DiscoveryResource.PS256, DiscoveryResource.PS256, DiscoveryResource.PS256, true, true, true, "web", "public",
                client.webhookUris().isEmpty() ? null : client.webhookUris());
    }
}
