package br.com.ponte.sandbox.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;

/**
 * An organisation as the Open Finance Brasil directory exports it ({@code GET /participants},
 * schema {@code OrganisationExportOpenData} of participants 1.0.0): the directory's PascalCase
 * field names, and only the fields the sandbox has something to say about.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Participant(
        @JsonProperty("OrganisationId") String organisationId,
        @JsonProperty("Status") String status,
        @JsonProperty("OrganisationName") String organisationName,
        @JsonProperty("LegalEntityName") String legalEntityName,
        @JsonProperty("CountryOfRegistration") String countryOfRegistration,
        @JsonProperty("CompanyRegister") String companyRegister,
        /** The CNPJ, 14 digits. */
        @JsonProperty("RegistrationNumber") String registrationNumber,
        @JsonProperty("AuthorisationServers") List<AuthorisationServer> authorisationServers) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthorisationServer(
            @JsonProperty("AuthorisationServerId") String authorisationServerId,
            @JsonProperty("OrganisationId") String organisationId,
            @JsonProperty("AutoRegistrationSupported") Boolean autoRegistrationSupported,
            @JsonProperty("CustomerFriendlyName") String customerFriendlyName,
            @JsonProperty("CustomerFriendlyDescription") String customerFriendlyDescription,
            @JsonProperty("CustomerFriendlyLogoUri") String customerFriendlyLogoUri,
            @JsonProperty("OpenIDDiscoveryDocument") String openIdDiscoveryDocument,
            @JsonProperty("ApiResources") List<ApiResource> apiResources) {
    }

    /**
     * One API family and version the authorisation server offers. {@code ApiVersion} is a number in
     * the directory's OpenAPI document (the live directory sends strings such as "4.0.0").
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApiResource(
            @JsonProperty("ApiResourceId") String apiResourceId,
            @JsonProperty("ApiFamilyType") String apiFamilyType,
            @JsonProperty("ApiVersion") BigDecimal apiVersion,
            @JsonProperty("ApiDiscoveryEndpoints") List<ApiDiscoveryEndpoint> apiDiscoveryEndpoints) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApiDiscoveryEndpoint(
            @JsonProperty("ApiDiscoveryId") String apiDiscoveryId,
            @JsonProperty("ApiEndpoint") String apiEndpoint) {
    }
}
