package br.com.ponte.consent.api;

import br.com.ponte.consent.domain.BrazilianDocuments;

/**
 * The checks of who a data-sharing request is for, shared by the session and dashboard-link
 * requests: the user's CPF, and the company's CNPJ when there is one, each with its {@code rel} and
 * check digits.
 */
final class UserDocuments {

    private UserDocuments() {
    }

    static void check(FieldErrors errors, PaymentConsentRequest.LoggedUser user, PaymentConsentRequest.BusinessEntity company) {
        if (user == null || user.document() == null) {
            errors.missing("loggedUser.document");
        } else {
            if (!"CPF".equals(user.document().rel())) {
                errors.invalid("loggedUser.document.rel", "must be CPF");
            }
            if (!BrazilianDocuments.isValidCpf(user.document().identification())) {
                errors.invalid("loggedUser.document.identification", "must be a valid CPF (11 digits)");
            }
        }
        if (company != null) {
            if (company.document() == null) {
                errors.missing("businessEntity.document");
            } else {
                if (!"CNPJ".equals(company.document().rel())) {
                    errors.invalid("businessEntity.document.rel", "must be CNPJ");
                }
                if (!BrazilianDocuments.isValidCnpj(company.document().identification())) {
                    errors.invalid("businessEntity.document.identification", "must be a valid CNPJ (14 digits)");
                }
            }
        }
    }
}
