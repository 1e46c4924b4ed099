package br.com.ponte.sandbox.sharing;

import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.OpenApiDocument;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * The official consents 3.3.1 and resources 3.1.0 OpenAPI documents ({@code ofb/}, copies of the
 * shared ones), read at start, as the judges of both directions: a request body they refuse is 400
 * ({@code PARAMETRO_NAO_INFORMADO} for a missing field, {@code PARAMETRO_INVALIDO} otherwise, as the
 * specs' {@code BadRequest} has it); an answer they refuse is the sandbox's own bug, a 500.
 */
@Startup
@ApplicationScoped
public class SharingSpec {

    public static final String CONSENTS_DOCUMENT = "classpath:ofb/consents_3.3.1.yml";
    public static final String RESOURCES_DOCUMENT = "classpath:ofb/resources_3.1.0.yml";
    /** The versions the answers' {@code x-v} names. */
    static final String CONSENTS_VERSION = "3.3.1";
    static final String RESOURCES_VERSION = "3.1.0";

    private final OpenApiDocument consents = new OpenApiDocument(CONSENTS_DOCUMENT);
    private final OpenApiDocument resources = new OpenApiDocument(RESOURCES_DOCUMENT);

    public SharingSpec() {
        for (String schema : new String[]{"CreateConsent", "CreateConsentExtensions", "ResponseConsent",
                "ResponseConsentRead", "ResponseConsentExtensions", "ResponseConsentReadExtensions"}) {
            consents.schema(schema);
        }
        resources.schema("ResponseResourceList");
    }

    public OpenApiDocument consents() {
        return consents;
    }

    public OpenApiDocument resources() {
        return resources;
    }

    /** 400 when {@code body} is not a valid {@code schema} of consents v3. */
    void requireConsentsRequest(String schema, JsonNode body) {
        Set<ValidationMessage> errors = consents.errors(schema, body);
        if (errors.isEmpty()) {
            return;
        }
        throw ApiError.badRequest(errors.stream().anyMatch(error -> "required".equals(error.getType()))
                ? "PARAMETRO_NAO_INFORMADO" : "PARAMETRO_INVALIDO", OpenApiDocument.describe(errors));
    }

    /** The answer as text, once it is a valid {@code schema} of {@code document}. */
    static String answer(OpenApiDocument document, String schema, JsonNode body) {
        Set<ValidationMessage> errors = document.errors(schema, body);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("The sandbox made an answer its spec refuses as " + schema + ": "
                    + OpenApiDocument.describe(errors) + " " + body);
        }
        return body.toString();
    }
}
