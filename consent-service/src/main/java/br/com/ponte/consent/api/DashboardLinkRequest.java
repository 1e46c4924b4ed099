package br.com.ponte.consent.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /v1/sharing-dashboard-links}: whose "Meus compartilhamentos" to open: the user's CPF,
 * and the company's CNPJ for the consents the user made for it.
 */
public record DashboardLinkRequest(
        @Schema(required = true, description = "The user: document.identification (CPF, 11 digits), document.rel CPF")
        PaymentConsentRequest.LoggedUser loggedUser,
        @Schema(description = "The company, for its consents: document.identification (CNPJ, 14 digits), document.rel CNPJ")
        PaymentConsentRequest.BusinessEntity businessEntity) {
}
