package br.com.ponte.fapi;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import org.jose4j.jwk.JsonWebKeySet;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens {@link BankConnection}s for the platform's services: the partner's client at the transmitter
 * and its transport identity from the vault, the transmitter from the directory, its discovery
 * document and keys. What is costly to build (a TLS client per partner, discovery, keys) is kept for
 * {@code reuseFor}, so a replaced certificate or rotated bank key is picked up within that time.
 */
public final class BankConnections implements AutoCloseable {

    private record Kept<T>(T value, Instant until) {
    }

    private final Vertx vertx;
    private final VaultKeys vault;
    private final Participants directory;
    private final String trustAnchorsPem;
    private final Duration timeout;
    private final BankGuard guard;
    private final Duration reuseFor;
    private final Map<String, Kept<FapiClient>> clients = new ConcurrentHashMap<>();
    private final Map<String, Kept<Discovery>> discoveries = new ConcurrentHashMap<>();
    private final Map<String, Kept<JsonWebKeySet>> keys = new ConcurrentHashMap<>();
    private final ClientTokens clientTokens = new ClientTokens();

    /**
     * @param trustAnchorsPem the CAs transmitters' TLS certificates chain to (ICP-Brasil; sandbox-bank's CA in development)
     */
    public BankConnections(Vertx vertx, VaultKeys vault, Participants directory, String trustAnchorsPem,
                           Duration timeout, Duration reuseFor) {
        this(vertx, vault, directory, trustAnchorsPem, timeout, reuseFor, BankGuard.NONE);
    }

    public BankConnections(Vertx vertx, VaultKeys vault, Participants directory, String trustAnchorsPem,
                           Duration timeout, Duration reuseFor, BankGuard guard) {
        this.guard = guard;
        this.vertx = vertx;
        this.vault = vault;
        this.directory = directory;
        this.trustAnchorsPem = trustAnchorsPem;
        this.timeout = timeout;
        this.reuseFor = reuseFor;
    }

    public Participants directory() {
        return directory;
    }

    /** The partner's connection to the transmitter with this authorisation server id. */
    public Uni<BankConnection> open(String partnerId, String authorisationServerId) {
        return directory.authorisationServer(authorisationServerId)
                .chain(server -> vault.transmitter(partnerId, authorisationServerId)
                        .chain(registration -> client(partnerId).chain(fapi -> discovery(fapi, server.discoveryUrl())
                                .chain(discovery -> bankKeys(fapi, discovery).map(bankKeys -> new BankConnection(fapi,
                                        new Transmitter(discovery, registration.clientId()), vault.signer(partnerId),
                                        bankKeys, server, registration.organizationId(), registration.redirectUris(), clientTokens, guard))))));
    }

    private Uni<FapiClient> client(String partnerId) {
        Kept<FapiClient> kept = clients.get(partnerId);
        if (kept != null && kept.until().isAfter(Instant.now())) {
            return Uni.createFrom().item(kept.value());
        }
        return vault.transportIdentity(partnerId).map(identity -> {
            FapiClient fresh = new FapiClient(vertx, identity, trustAnchorsPem, timeout);
            Kept<FapiClient> previous = clients.put(partnerId, new Kept<>(fresh, Instant.now().plus(reuseFor)));
            if (previous != null) {
                // calls in flight on the previous client may still finish within the timeout
                vertx.setTimer(timeout.toMillis() * 2 + 1, id -> previous.value().close());
            }
            return fresh;
        });
    }

    private Uni<Discovery> discovery(FapiClient fapi, String url) {
        Kept<Discovery> kept = discoveries.get(url);
        if (kept != null && kept.until().isAfter(Instant.now())) {
            return Uni.createFrom().item(kept.value());
        }
        return fapi.discover(url).invoke(d -> discoveries.put(url, new Kept<>(d, Instant.now().plus(reuseFor))));
    }

    private Uni<JsonWebKeySet> bankKeys(FapiClient fapi, Discovery discovery) {
        Kept<JsonWebKeySet> kept = keys.get(discovery.issuer());
        if (kept != null && kept.until().isAfter(Instant.now())) {
            return Uni.createFrom().item(kept.value());
        }
        return fapi.keys(discovery).invoke(k -> keys.put(discovery.issuer(), new Kept<>(k, Instant.now().plus(reuseFor))));
    }

    @Override
    public void close() {
        clients.values().forEach(k -> k.value().close());
        clients.clear();
        directory.close();
        vault.close();
    }
}
