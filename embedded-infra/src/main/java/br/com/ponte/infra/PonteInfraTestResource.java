package br.com.ponte.infra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource backed by the JVM-wide {@link PonteInfra}:
 *
 * <pre>
 * &#64;WithTestResource(value = PonteInfraTestResource.class,
 *                   initArgs = &#64;ResourceArg(name = "database", value = "consent"))
 * </pre>
 *
 * Init args: {@code database} (default {@value #DEFAULT_DATABASE}) and, optionally, {@code topics}: a comma
 * separated list of extra topics to create besides the standard ones.
 */
public class PonteInfraTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";
    public static final String TOPICS_ARG = "topics";
    /** Init arg: "true" makes the service verify partner tokens issued by {@link PartnerTokens}. */
    public static final String PARTNER_TOKENS_ARG = "partner-tokens";
    /**
     * Init arg: comma-separated configuration properties to set to a fresh random 256-bit key
     * (base64) per run, for master keys and tokens a service requires; nothing secret is committed.
     */
    public static final String RANDOM_KEYS_ARG = "random-keys";
    public static final String DEFAULT_DATABASE = "ponte";
    public static final int TOPIC_PARTITIONS = 3;

    /** The event topics of the platform; each also gets a {@code .dlq} twin. */
    public static final List<String> EVENT_TOPICS = List.of(
            "consent.events", "payment.events", "sharing.events", "collection.events", "certificate.events",
            "webhook.events", "webhook.dead-letters", "audit.events");

    private String database = DEFAULT_DATABASE;
    private final List<String> extraTopics = new ArrayList<>();
    private boolean partnerTokens;
    private final List<String> randomKeys = new ArrayList<>();

    @Override
    public void init(Map<String, String> initArgs) {
        String db = initArgs.get(DATABASE_ARG);
        if (db != null && !db.isBlank()) {
            database = db.trim();
        }
        partnerTokens = Boolean.parseBoolean(initArgs.get(PARTNER_TOKENS_ARG));
        String keys = initArgs.get(RANDOM_KEYS_ARG);
        if (keys != null) {
            Arrays.stream(keys.split(",")).map(String::trim).filter(k -> !k.isEmpty()).forEach(randomKeys::add);
        }
        String topics = initArgs.get(TOPICS_ARG);
        if (topics != null) {
            Arrays.stream(topics.split(","))
                    .map(String::trim)
                    .filter(t -> !t.isEmpty())
                    .forEach(extraTopics::add);
        }
    }

    @Override
    public Map<String, String> start() {
        List<String> topics = new ArrayList<>();
        for (String topic : EVENT_TOPICS) {
            topics.add(topic);
            topics.add(topic + ".dlq");
        }
        topics.addAll(extraTopics);
        // -Ptestcontainers (a machine with Docker) or, by default, the embedded broker and server
        Endpoints infra = ContainerInfra.requested() ? containers(topics) : embedded(topics);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", infra.bootstrapServers());
        config.put("ponte.db.host", infra.dbHost());
        config.put("ponte.db.port", String.valueOf(infra.dbPort()));
        config.put("ponte.db.user", infra.dbUser());
        config.put("ponte.db.password", infra.dbPassword());
        config.put("ponte.db.name", database);
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (String property : randomKeys) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            config.put(property, java.util.Base64.getEncoder().encodeToString(key));
        }
        if (partnerTokens) {
            config.put("mp.jwt.verify.publickey.location", PartnerTokens.publicKeyPem().toUri().toString());
            config.put("mp.jwt.verify.issuer", PartnerTokens.ISSUER);
            config.put("mp.jwt.verify.audiences", PartnerTokens.AUDIENCE);
        }
        return config;
    }

    /** Where the tests' Kafka and PostgreSQL are. */
    private record Endpoints(String bootstrapServers, String dbHost, int dbPort, String dbUser, String dbPassword) {
    }

    private Endpoints containers(List<String> topics) {
        ContainerInfra containers = ContainerInfra.shared();
        containers.createTopics(TOPIC_PARTITIONS, topics.toArray(String[]::new));
        containers.createDatabase(database);
        return new Endpoints(containers.bootstrapServers(), containers.dbHost(), containers.dbPort(), containers.dbUser(),
                containers.dbPassword());
    }

    private Endpoints embedded(List<String> topics) {
        PonteInfra infra = PonteInfra.shared();
        // PostgreSQL is a separate process: start it while the broker boots
        CompletableFuture<EmbeddedPostgresServer> postgresFuture = new CompletableFuture<>();
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        Thread starter = new Thread(() -> {
            try {
                postgresFuture.complete(infra.postgres());
            } catch (Throwable t) {
                postgresFuture.completeExceptionally(t);
            }
        }, "ponte-infra-postgres-start");
        starter.setContextClassLoader(tccl);
        starter.setDaemon(true);
        starter.start();
        EmbeddedKafka kafka = infra.kafka();
        EmbeddedPostgresServer postgres;
        try {
            postgres = postgresFuture.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }

        kafka.createTopics(TOPIC_PARTITIONS, topics.toArray(String[]::new));
        postgres.createDatabase(database);
        return new Endpoints(kafka.bootstrapServers(), postgres.host(), postgres.port(), postgres.user(), postgres.password());
    }

    @Override
    public void stop() {
        // the shared infrastructure lives as long as the JVM; PonteInfra's shutdown hook stops it
    }
}
