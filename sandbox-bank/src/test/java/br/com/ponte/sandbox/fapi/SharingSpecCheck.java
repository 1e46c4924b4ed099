package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.sharing.SharingSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;

import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks bodies against the consents 3.3.1 and resources 3.1.0 OpenAPI documents the sandbox itself
 * reads ({@code src/main/resources/ofb/}, copies of the shared {@code ofb/} ones).
 */
final class SharingSpecCheck {

    private static final SharingSpec SPEC = new SharingSpec();

    private SharingSpecCheck() {
    }

    /** Asserts that the body is valid against consents v3's {@code components/schemas/<schema>}. */
    static void assertValidConsents(String schema, JsonNode body) {
        assertThat(SPEC.consents().errors(schema, body).stream().map(ValidationMessage::getMessage)
                .collect(Collectors.toSet())).as("%s against %s", body, schema).isEmpty();
    }

    /** Asserts that the body is valid against resources v3's {@code components/schemas/<schema>}. */
    static void assertValidResources(String schema, JsonNode body) {
        assertThat(SPEC.resources().errors(schema, body).stream().map(ValidationMessage::getMessage)
                .collect(Collectors.toSet())).as("%s against %s", body, schema).isEmpty();
    }
}
