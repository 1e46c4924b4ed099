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
        List<Participant> participants = new SandboxParticipant(new SandboxUrls("http://bank.example:9443/",
                "http://directory.example")).participants();

        Participant.AuthorisationServer server = participants.get(0).authorisationServers().get(0);
        assertThat(server.openIdDiscoveryDocument()).isEqualTo("http://bank.example:9443/.well-known/openid-configuration");
        assertThat(server.apiResources())
                .flatExtracting(Participant.ApiResource::apiDiscoveryEndpoints)
                .extracting(Participant.ApiDiscoveryEndpoint::apiEndpoint)
                .containsExactly("http://bank.example:9443/open-banking/payments/v4/consents",
                        "http://bank.example:9443/open-banking/payments/v4/pix/payments",
                        "http://bank.example:9443/open-banking/consents/v3/consents",
                        "http://bank.example:9443/open-banking/resources/v3/resources",
                        "http://bank.example:9443/open-banking/customers/v2/personal/identifications",
                        "http://bank.example:9443/open-banking/accounts/v2/accounts",
                        "http://bank.example:9443/open-banking/credit-cards-accounts/v2/accounts",
                        "http://bank.example:9443/open-banking/loans/v2/contracts",
                        "http://bank.example:9443/open-banking/financings/v2/contracts",
                        "http://bank.example:9443/open-banking/invoice-financings/v2/contracts",
                        "http://bank.example:9443/open-banking/unarranged-accounts-overdraft/v2/contracts");

        Participant.AuthorisationServer horizonte = participants.get(1).authorisationServers().get(0);
        assertThat(horizonte.openIdDiscoveryDocument())
                .isEqualTo("http://bank.example:9443/horizonte/.well-known/openid-configuration");
        assertThat(horizonte.customerFriendlyLogoUri()).isEqualTo("http://bank.example:9443/horizonte/static/logo.svg");
        assertThat(horizonte.apiResources())
                .flatExtracting(Participant.ApiResource::apiDiscoveryEndpoints)
                .extracting(Participant.ApiDiscoveryEndpoint::apiEndpoint)
                .containsExactly("http://bank.example:9443/horizonte/open-banking/consents/v3/consents",
                        "http://bank.example:9443/horizonte/open-banking/resources/v3/resources",
                        "http://bank.example:9443/horizonte/open-banking/customers/v2/personal/identifications",
                        "http://bank.example:9443/horizonte/open-banking/accounts/v2/accounts",
                        "http://bank.example:9443/horizonte/open-banking/loans/v2/contracts",
                        "http://bank.example:9443/horizonte/open-banking/financings/v2/contracts",
                        "http://bank.example:9443/horizonte/open-banking/invoice-financings/v2/contracts",
                        "http://bank.example:9443/horizonte/open-banking/unarranged-accounts-overdraft/v2/contracts");
    }

    @Test
    void theTwoBrandsAreTwoOrganisationsWithTheirOwnIds() {
        List<Participant> participants = participants();

        assertThat(participants).extracting(Participant::organisationId)
                .containsExactly(SandboxParticipant.ORGANISATION_ID, SandboxParticipant.HORIZONTE_ORGANISATION_ID);
        assertThat(participants).extracting(Participant::registrationNumber)
                .containsExactly(SandboxParticipant.CNPJ, SandboxParticipant.HORIZONTE_CNPJ);
        assertThat(participants).flatExtracting(Participant::authorisationServers)
                .extracting(Participant.AuthorisationServer::authorisationServerId)
                .containsExactly(SandboxParticipant.AUTHORISATION_SERVER_ID,
                        SandboxParticipant.HORIZONTE_AUTHORISATION_SERVER_ID);
        assertThat(participants.get(1).authorisationServers().get(0).apiResources())
                .extracting(Participant.ApiResource::apiFamilyType).containsExactly("consents", "resources", "customers",
                        "accounts", "loans", "financings", "invoice-financings", "unarranged-accounts-overdraft")
                .doesNotContain("payments-consents", "credit-cards-accounts");
        assertThat(List.of(SandboxParticipant.CNPJ, SandboxParticipant.HORIZONTE_CNPJ))
                .allMatch(SandboxParticipantTest::validCnpj);
    }

    @Test
    void theParticipantValidatesAgainstTheDirectorySpecAndUsesItsFieldNames() {
        JsonNode body = JSON.valueToTree(participants());

        assertThat(ParticipantsSpec.errors(body)).isEmpty();
        assertThat(body).hasSize(2);
        assertThat(body.get(0).fieldNames()).toIterable()
                .contains("OrganisationId", "Status", "OrganisationName", "RegistrationNumber", "AuthorisationServers");
        assertThat(body.at("/0/AuthorisationServers/0").fieldNames()).toIterable()
                .contains("AuthorisationServerId", "CustomerFriendlyName", "CustomerFriendlyLogoUri",
                        "OpenIDDiscoveryDocument", "ApiResources");
    }

    @Test
    void theValidatorRefusesWhatTheDirectoryWouldNotSend() {
        JsonNode body = JSON.valueToTree(List.of(participants().get(0)));
        ((ObjectNode) body.get(0)).put("Status", "Sleeping");
        ((ObjectNode) body.at("/0/AuthorisationServers/0"))
                .put("OpenIDDiscoveryDocument", "ftp://nowhere");

        assertThat(ParticipantsSpec.errors(body)).hasSize(2);
    }

    private static List<Participant> participants() {
        return new SandboxParticipant(new SandboxUrls("https://localhost:8443", "http://localhost:8090")).participants();
    }

    /** The CNPJ's two check digits (modulo 11). */
    static boolean validCnpj(String cnpj) {
        int[] weights = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
        for (int digit = 12; digit <= 13; digit++) {
            int sum = 0;
            for (int i = 0; i < digit; i++) {
                sum += (cnpj.charAt(i) - '0') * weights[i + 13 - digit];
            }
            int check = sum % 11 < 2 ? 0 : 11 - sum % 11;
            if (cnpj.charAt(digit) - '0' != check) {
                return false;
            }
        }
        return true;
    }
}
