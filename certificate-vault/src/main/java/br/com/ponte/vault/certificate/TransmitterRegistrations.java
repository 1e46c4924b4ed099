package br.com.ponte.vault.certificate;

import br.com.ponte.fapi.FapiClient;
import br.com.ponte.fapi.FapiException;
import br.com.ponte.fapi.Registration;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.audit.Actor;
import br.com.ponte.kit.audit.Audit;
import br.com.ponte.kit.crypto.EnvelopeCipher;
import br.com.ponte.vault.VaultConfig;
import br.com.ponte.vault.domain.OfbOrganization;
import br.com.ponte.vault.domain.TransmitterRegistration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The partner's client id at each transmitter: set by the partner, or obtained by dynamic client
 * registration (dcr-id3). For DCR the vault finds the transmitter's authorisation server in the
 * directory's participants list, fetches the software statement assertion, and registers over
 * mutual TLS with the partner's transport certificate. The registration access token is sealed
 * and kept for later updates; no API returns it.
 */
@ApplicationScoped
public class TransmitterRegistrations {

    private static final Logger LOG = Logger.getLogger(TransmitterRegistrations.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final VaultConfig config;
    private final PartnerKeys keys;
    private final EnvelopeCipher cipher;
    private final Vertx vertx;
    private final WebClient directory;
    private final String transmitterTrust;
    private final Audit audit;

    public TransmitterRegistrations(VaultConfig config, PartnerKeys keys, EnvelopeCipher cipher, Vertx vertx, Audit audit) {
        this.config = config;
        this.keys = keys;
        this.cipher = cipher;
        this.vertx = vertx;
        this.audit = audit;
        this.directory = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) TIMEOUT.toMillis()));
        this.transmitterTrust = PemFiles.encode(PemFiles.certificates(config.transmitterTrustAnchors().orElse(List.of()),
                "ponte.vault.transmitter-trust-anchors")).trim();
    }

    @PreDestroy
    void close() {
        directory.close();
    }

    /**
     * Sets the client id by hand (the partner registered elsewhere), with the redirect URIs registered
     * there when the partner gives them.
     */
    public Uni<TransmitterRegistration> setManually(UUID partnerId, String authorisationServerId, String clientId,
                                                    List<String> redirectUris) {
        return Panache.withTransaction(() -> TransmitterRegistration.find(partnerId, authorisationServerId).chain(existing -> {
            TransmitterRegistration registration = existing != null ? existing : newRegistration(partnerId, authorisationServerId);
            Map<String, String> previous = new LinkedHashMap<>();
            if (existing != null) {
                previous.put("previousClientId", existing.clientId);
                previous.put("previousSource", existing.source);
            }
            registration.clientId = clientId;
            registration.source = TransmitterRegistration.MANUAL;
            registration.redirectUris = redirectUris == null || redirectUris.isEmpty() ? null : String.join(" ", redirectUris);
            registration.registrationClientUri = null;
            registration.sealRegistrationAccessToken(null);
            registration.updatedAt = Instant.now();
            return registration.persist()
                    .call(() -> {
                        Map<String, String> details = describe(registration, existing);
                        details.putAll(previous);
                        return audit.record(Actor.partner(partnerId.toString()), "transmitter-client.set",
                                "transmitter-registration", authorisationServerId, partnerId.toString(), details,
                                registration.updatedAt);
                    })
                    .replaceWith(registration);
        }));
    }

    /**
     * Registers the partner at the transmitter by DCR, or updates the registration (RFC 7592) when
     * one was made by DCR before. {@code redirectUris} empty: those of the software statement.
     */
    public Uni<TransmitterRegistration> register(UUID partnerId, String authorisationServerId, List<String> redirectUris) {
        if (transmitterTrust.isEmpty()) {
            throw new ApiException(503, "CONFIGURACAO_AUSENTE", "Vault not configured",
                    "No transmitter trust anchors are configured (ponte.vault.transmitter-trust-anchors)");
        }
        return Panache.withSession(() -> OfbOrganization.<OfbOrganization>findById(partnerId)
                        .chain(organization -> TransmitterRegistration.find(partnerId, authorisationServerId)
                                .map(existing -> new Object[]{organization, existing})))
                .chain(found -> {
                    OfbOrganization organization = (OfbOrganization) found[0];
                    TransmitterRegistration existing = (TransmitterRegistration) found[1];
                    if (organization == null) {
                        throw ApiException.unprocessable("CREDENCIAIS_NAO_CADASTRADAS",
                                "Register the organizationId and softwareStatementId first (PUT /v1/ofb-credentials)");
                    }
                    return discoveryUrl(authorisationServerId).chain(discoveryUrl -> keys.transportIdentity(partnerId)
                            .chain(identity -> keys.signer(partnerId).chain(signer -> {
                                FapiClient fapi = new FapiClient(vertx, identity, transmitterTrust, TIMEOUT);
                                String assertionUrl = config.directory().apiUrl() + "/organisations/"
                                        + organization.organizationId + "/softwarestatements/"
                                        + organization.softwareStatementId + "/assertion";
                                return fapi.discover(discoveryUrl).chain(discovery -> fapi.softwareStatementAssertion(assertionUrl)
                                                .chain(ssa -> {
                                                    Map<String, Object> metadata = metadata(ssa, redirectUris);
                                                    Uni<Registration> call = existing != null && TransmitterRegistration.DCR.equals(existing.source)
                                                            && existing.ratCipher != null
                                                            ? fapi.updateRegistration(new Registration(existing.clientId,
                                                            openToken(existing), existing.registrationClientUri, null), ssa, metadata)
                                                            : fapi.register(discovery, ssa, metadata);
                                                    return call.chain(registration -> store(partnerId, authorisationServerId,
                                                            discoveryUrl, discovery.issuer(), registration,
                                                            registeredRedirectUris(registration, metadata)));
                                                }))
                                        .eventually(fapi::close);
                            })));
                })
                .onFailure(FapiException.class).transform(e -> {
                    FapiException f = (FapiException) e;
                    LOG.warnf("Registration of partner %s at %s failed: %s", partnerId, authorisationServerId, f.getMessage());
                    return new ApiException(502, "REGISTRO_RECUSADO", "Registration refused",
                            "The transmitter refused the registration: " + f.getMessage());
                });
    }

    private Uni<TransmitterRegistration> store(UUID partnerId, String authorisationServerId, String discoveryUrl,
                                               String issuer, Registration registration, List<String> redirectUris) {
        return Panache.withTransaction(() -> TransmitterRegistration.find(partnerId, authorisationServerId).chain(existing -> {
            TransmitterRegistration stored = existing != null ? existing : newRegistration(partnerId, authorisationServerId);
            String previousSource = existing == null ? null : existing.source;
            String previousClientId = existing == null ? null : existing.clientId;
            stored.clientId = registration.clientId();
            stored.source = TransmitterRegistration.DCR;
            stored.issuer = issuer;
            stored.discoveryUrl = discoveryUrl;
            stored.registrationClientUri = registration.registrationClientUri();
            stored.redirectUris = String.join(" ", redirectUris);
            stored.sealRegistrationAccessToken(registration.registrationAccessToken() == null ? null : cipher.seal(
                    registration.registrationAccessToken().getBytes(StandardCharsets.UTF_8), stored.sealId()));
            stored.updatedAt = Instant.now();
            LOG.infof("Partner %s registered at %s as client %s", partnerId, authorisationServerId, stored.clientId);
            Map<String, String> details = describe(stored, existing);
            details.put("issuer", issuer);
            if (previousClientId != null) {
                details.put("previousClientId", previousClientId);
                details.put("previousSource", previousSource);
            }
            return stored.persist()
                    .call(() -> audit.record(Actor.partner(partnerId.toString()),
                            existing != null && TransmitterRegistration.DCR.equals(previousSource) ? "transmitter-registration.updated"
                                    : "transmitter-registration.created",
                            "transmitter-registration", authorisationServerId, partnerId.toString(), details, stored.updatedAt))
                    .replaceWith(stored);
        }));
    }

    /** What the audit log says of a registration: the client and where; never the registration access token. */
    private static Map<String, String> describe(TransmitterRegistration registration, TransmitterRegistration existing) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("authorisationServerId", registration.authorisationServerId);
        details.put("clientId", registration.clientId);
        details.put("source", registration.source);
        details.put("change", existing == null ? "created" : "updated");
        return details;
    }

    /** The redirect URIs the transmitter answered it registered (RFC 7591 echoes them), else those sent. */
    @SuppressWarnings("unchecked")
    private static List<String> registeredRedirectUris(Registration registration, Map<String, Object> sent) {
        JsonNode answered = registration.metadata() == null ? null : registration.metadata().get("redirect_uris");
        if (answered != null && answered.isArray() && !answered.isEmpty()) {
            List<String> uris = new java.util.ArrayList<>();
            answered.forEach(uri -> uris.add(uri.asText()));
            return uris;
        }
        return (List<String>) sent.get("redirect_uris");
    }

    /** The OpenID discovery document of the authorisation server, from the directory's participants list. */
    public Uni<String> discoveryUrl(String authorisationServerId) {
        return directory.getAbs(config.directory().participantsUrl()).send().map(response -> {
            if (response.statusCode() != 200) {
                throw new ApiException(502, "DIRETORIO_INDISPONIVEL", "Directory unavailable",
                        "The directory answered HTTP " + response.statusCode());
            }
            try {
                for (JsonNode organisation : JSON.readTree(response.bodyAsString())) {
                    for (JsonNode server : organisation.path("AuthorisationServers")) {
                        if (authorisationServerId.equals(server.path("AuthorisationServerId").asText())) {
                            return server.path("OpenIDDiscoveryDocument").asText();
                        }
                    }
                }
            } catch (IOException e) {
                throw new ApiException(502, "DIRETORIO_INDISPONIVEL", "Directory unavailable", "The participants list is not JSON");
            }
            throw ApiException.notFound("No authorisation server " + authorisationServerId + " in the directory");
        });
    }

    private Map<String, Object> metadata(String softwareStatement, List<String> redirectUris) {
        Map<String, Object> metadata;
        try {
            metadata = Registration.metadataFor(softwareStatement, redirectUris);
        } catch (IllegalArgumentException e) {
            throw new ApiException(502, "DIRETORIO_INDISPONIVEL", "Directory unavailable",
                    "The software statement assertion cannot be read");
        }
        config.webhookUris().filter(hooks -> !hooks.isEmpty()).ifPresent(hooks -> metadata.put("webhook_uris", hooks));
        return metadata;
    }

    private String openToken(TransmitterRegistration registration) {
        return new String(cipher.open(new EnvelopeCipher.Sealed(registration.ratCipher, registration.ratIv,
                registration.ratDataKeyWrapped, registration.ratDataKeyIv, registration.masterKeyId), registration.sealId()),
                StandardCharsets.UTF_8);
    }

    private static TransmitterRegistration newRegistration(UUID partnerId, String authorisationServerId) {
        TransmitterRegistration registration = new TransmitterRegistration();
        registration.partnerId = partnerId;
        registration.authorisationServerId = authorisationServerId;
        registration.createdAt = Instant.now();
        return registration;
    }
}
