package br.com.ponte.fapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Open Finance Brasil's directory of participants: which transmitters exist, their authorisation
 * servers, discovery documents and API endpoints. The list is public; it is read once and kept for
 * {@code cacheFor}, then read again on the next use (a failed read keeps serving the last list).
 */
public final class Participants implements AutoCloseable {

    /** One authorisation server of a participant, as the directory lists it. */
    public record AuthorisationServer(String authorisationServerId, String organisationId, String organisationName,
                                      String customerFriendlyName, String logoUri, String discoveryUrl,
                                      Map<String, String> apiEndpoints) {

        /** The endpoint of an API family, e.g. {@code payments-consents}; a FapiException when not offered. */
        public String endpoint(String apiFamilyType) {
            String endpoint = apiEndpoints.get(apiFamilyType);
            if (endpoint == null) {
                throw new FapiException(0, "api_not_offered", customerFriendlyName + " offers no " + apiFamilyType + " API");
            }
            return endpoint;
        }
    }

    private final WebClient client;
    private final String participantsUrl;
    private final Duration timeout;
    private final Duration cacheFor;
    private volatile List<AuthorisationServer> servers;
    private volatile Instant readAt = Instant.EPOCH;

    public Participants(Vertx vertx, String participantsUrl, Duration timeout, Duration cacheFor) {
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeout.toMillis()));
        this.participantsUrl = participantsUrl;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
    }

    @Override
    public void close() {
        client.close();
    }

    /** Every authorisation server of every active participant. */
    public Uni<List<AuthorisationServer>> authorisationServers() {
        List<AuthorisationServer> cached = servers;
        if (cached != null && readAt.plus(cacheFor).isAfter(Instant.now())) {
            return Uni.createFrom().item(cached);
        }
        return client.getAbs(participantsUrl).timeout(timeout.toMillis()).send()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new FapiException(response.statusCode(), "directory_unavailable",
                                "The directory answered HTTP " + response.statusCode());
                    }
                    List<AuthorisationServer> read = parse(Json.read(response.bodyAsString()));
                    servers = read;
                    readAt = Instant.now();
                    return read;
                })
                .onFailure(e -> cached != null).recoverWithItem(cached);
    }

    /** The authorisation server with this id; a FapiException {@code unknown_transmitter} when none. */
    public Uni<AuthorisationServer> authorisationServer(String authorisationServerId) {
        return authorisationServers().map(all -> all.stream()
                .filter(s -> s.authorisationServerId().equals(authorisationServerId))
                .findFirst()
                .orElseThrow(() -> new FapiException(404, "unknown_transmitter",
                        "No authorisation server " + authorisationServerId + " in the directory")));
    }

    static List<AuthorisationServer> parse(JsonNode participants) {
        List<AuthorisationServer> servers = new ArrayList<>();
        for (JsonNode organisation : participants) {
            if (organisation.has("Status") && !"Active".equals(organisation.path("Status").asText())) {
                continue;
            }
            for (JsonNode server : organisation.path("AuthorisationServers")) {
                Map<String, String> endpoints = new LinkedHashMap<>();
                for (JsonNode resource : server.path("ApiResources")) {
                    JsonNode first = resource.path("ApiDiscoveryEndpoints").path(0);
                    if (!first.isMissingNode()) {
                        endpoints.put(resource.path("ApiFamilyType").asText(), first.path("ApiEndpoint").asText());
                    }
                }
                servers.add(new AuthorisationServer(server.path("AuthorisationServerId").asText(),
                        organisation.path("OrganisationId").asText(), organisation.path("OrganisationName").asText(),
                        server.path("CustomerFriendlyName").asText(), server.path("CustomerFriendlyLogoUri").asText(null),
                        server.path("OpenIDDiscoveryDocument").asText(), Map.copyOf(endpoints)));
            }
        }
        return List.copyOf(servers);
    }
}
