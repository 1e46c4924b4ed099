package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.brand.ApiFamily;
import br.com.ponte.sandbox.config.SandboxConfig;
import br.com.ponte.sandbox.resource.OpenApiDocument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The official data API documents (customers 2.2.1, accounts 2.4.2, credit cards 2.3.1, loans 2.5.0,
 * financings 2.4.0, invoice financings 2.4.0, unarranged accounts overdraft 2.5.0; copies of the shared
 * {@code ofb/} ones under {@code src/main/resources/ofb}) as the judges of every successful answer before it
 * goes out: an answer they refuse is the sandbox's own bug, a 500. A document is read when first needed
 * (each costs a moment, and most sandboxes serve a few of them); {@code DataSpecsTest} reads every schema
 * the operations name, so a broken copy fails the build.
 *
 * <p>The credit card spec's links must have a dotted host name, which {@code https://localhost:<port>}
 * is not: links are checked with {@code sandbox.base-url} replaced by the spec's example server, the
 * answer goes out as it is.
 */
@ApplicationScoped
public class DataSpecs {

    /** The spec's example server, which the link patterns accept. */
    static final String SPEC_SERVER = "https://api.banco.com.br";

    /** Each data API's document and the version the sandbox implements. */
    public record Spec(String document, String version, boolean versionHeader) {
    }

    static final Map<ApiFamily, Spec> SPECS = new EnumMap<>(Map.of(
            ApiFamily.CUSTOMERS, new Spec("classpath:ofb/customers_2.2.1.yml", "2.2.1", false),
            ApiFamily.ACCOUNTS, new Spec("classpath:ofb/accounts_2.4.2.yml", "2.4.2", false),
            ApiFamily.CREDIT_CARDS_ACCOUNTS, new Spec("classpath:ofb/credit-cards_2.3.1.yml", "2.3.1", false),
            // the credit operations' answers carry x-v, as their specs have it
            ApiFamily.LOANS, new Spec("classpath:ofb/loans_2.5.0.yml", "2.5.0", true),
            ApiFamily.FINANCINGS, new Spec("classpath:ofb/financings_2.4.0.yml", "2.4.0", true),
            ApiFamily.INVOICE_FINANCINGS, new Spec("classpath:ofb/invoice-financings_2.4.0.yml", "2.4.0", true),
            ApiFamily.UNARRANGED_ACCOUNTS_OVERDRAFT,
            new Spec("classpath:ofb/unarranged-accounts-overdraft_2.5.0.yml", "2.5.0", true)));

    private final Map<ApiFamily, OpenApiDocument> documents = new EnumMap<>(ApiFamily.class);
    private final String origin;

    @Inject
    public DataSpecs(SandboxConfig config) {
        this(config.baseUrl());
    }

    public DataSpecs(String baseUrl) {
        this.origin = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        SPECS.forEach((family, spec) -> documents.put(family, new OpenApiDocument(spec.document())));
    }

    public OpenApiDocument document(ApiFamily family) {
        return documents.get(family);
    }

    /** The {@code x-v} of the API's answers; null where its spec has none. */
    static String versionHeader(ApiFamily family) {
        Spec spec = SPECS.get(family);
        return spec.versionHeader() ? spec.version() : null;
    }

    /** What is wrong with {@code body} as the operation's answer (its links as the spec's server's); empty when nothing is. */
    public Set<ValidationMessage> errors(DataOperation operation, JsonNode body) {
        return document(operation.family()).errors(operation.schema(), withSpecServer(body));
    }

    /** The answer as text, once it is valid as the operation's. */
    String answer(DataOperation operation, ObjectNode body) {
        Set<ValidationMessage> errors = errors(operation, body);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("The sandbox made an answer its spec refuses as " + operation.schema() + ": "
                    + OpenApiDocument.describe(errors));
        }
        return body.toString();
    }

    /** A shallow copy with the links on the spec's example server: the rest is the same nodes, not copied. */
    private JsonNode withSpecServer(JsonNode body) {
        if (!body.path("links").isObject()) {
            return body;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        body.fields().forEachRemaining(field -> copy.set(field.getKey(), field.getValue()));
        ObjectNode links = copy.putObject("links");
        body.get("links").fields().forEachRemaining(link -> links.put(link.getKey(),
                link.getValue().asText().replace(origin, SPEC_SERVER)));
        return copy;
    }
}
