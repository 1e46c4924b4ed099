package br.com.ponte.sandbox.directory;

import br.com.ponte.sandbox.config.SandboxUrls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxParticipantTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyPublishedUrlStartsWithTheConfiguredBaseUrl() {
        Participant participant = new SandboxParticipant(new SandboxUrls("http://bank.example:9443/",
                "http://directory.example")).participant();

        Participant.AuthorisationServer server = participant.authorisationServers().get(0);
        assertThat(server.openIdDiscoveryDocument()).isEqualTo("http://bank.example:9443/.well-known/openid-configuration");
        assertThat(server.apiResources())
                .flatExtracting(Participant.ApiResource::apiDiscoveryEndpoints)
                .extracting(Participant.ApiDiscoveryEndpoint::apiEndpoint)
                .containsExactly("http://bank.example:9443/open-banking/payments/v4/consents",
                        "http://bank.example:9443/open-banking/payments/v4/pix/payments");
    }

    @Test
    void theParticipantValidatesAgainstTheDirectorySpecAndUsesItsFieldNames() {
        JsonNode body = JSON.valueToTree(List.of(participant()));

        assertThat(ParticipantsSpec.errors(body)).isEmpty();
        assertThat(body.get(0).fieldNames()).toIterable()
                .contains("OrganisationId", "Status", "OrganisationName", "RegistrationNumber", "AuthorisationServers");
        assertThat(body.at("/0/AuthorisationServers/0").fieldNames()).toIterable()
                .contains("AuthorisationServerId", "CustomerFriendlyName", "CustomerFriendlyLogoUri",
                        "OpenIDDiscoveryDocument", "ApiResources");
    }

    @Test
    void theValidatorRefusesWhatTheDirectoryWouldNotSend() {
        JsonNode body = JSON.valueToTree(List.of(participant()));
        ((ObjectNode) body.get(0)).put("Status", "Sleeping");
        ((ObjectNode) body.at("/0/AuthorisationServers/0"))
                .put("OpenIDDiscoveryDocument", "ftp://nowhere");

        assertThat(ParticipantsSpec.errors(body)).hasSize(2);
    }

    private static Participant participant() {
        return new SandboxParticipant(new SandboxUrls("https://localhost:8443", "http://localhost:8090")).participant();
    }
}
