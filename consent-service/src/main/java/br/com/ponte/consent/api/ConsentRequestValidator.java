package br.com.ponte.consent.api;

import br.com.ponte.consent.domain.BrazilianDocuments;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.ErrorResponse;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks the payments API v4 makes on a consent request, as far as this version of Ponte
 * implements the request. Every problem found is reported at once, in Open Finance's error shape.
 */
public final class ConsentRequestValidator {

    private static final Pattern AMOUNT = Pattern.compile("^\\d{1,16}\\.\\d{2}$");
    private static final Set<String> PERSON_TYPES = Set.of("PESSOA_NATURAL", "PESSOA_JURIDICA");

    private final List<ErrorResponse.Error> errors = new ArrayList<>();

    private ConsentRequestValidator() {
    }

    /** Throws a 422 {@link ApiException} listing every problem, or returns when the request is valid. */
    public static void validate(PaymentConsentRequest r) {
        if (r == null) {
            throw ApiException.badRequest("PARAMETRO_NAO_INFORMADO", "The request body is required");
        }
        ConsentRequestValidator v = new ConsentRequestValidator();
        v.check(r);
        if (!v.errors.isEmpty()) {
            throw new ApiException(422, v.errors);
        }
    }

    private void check(PaymentConsentRequest r) {
        if (blank(r.transmitter())) {
            missing("transmitter");
        }
        if (blank(r.redirectUri())) {
            missing("redirectUri");
        } else if (!isHttpUri(r.redirectUri())) {
            invalid("redirectUri", "must be an absolute http(s) URL");
        }

        if (r.loggedUser() == null || r.loggedUser().document() == null || blank(r.loggedUser().document().identification())) {
            missing("loggedUser.document.identification");
        } else {
            if (!"CPF".equals(r.loggedUser().document().rel())) {
                invalid("loggedUser.document.rel", "must be CPF");
            }
            if (!BrazilianDocuments.isValidCpf(r.loggedUser().document().identification())) {
                invalid("loggedUser.document.identification", "is not a valid CPF (11 digits with check digits)");
            }
        }
        if (r.businessEntity() != null && r.businessEntity().document() != null) {
            PaymentConsentRequest.Document doc = r.businessEntity().document();
            if (!"CNPJ".equals(doc.rel())) {
                invalid("businessEntity.document.rel", "must be CNPJ");
            }
            if (!BrazilianDocuments.isValidCnpj(doc.identification())) {
                invalid("businessEntity.document.identification", "is not a valid CNPJ (14 digits with check digits)");
            }
        }

        PaymentConsentRequest.Creditor creditor = r.creditor();
        if (creditor == null) {
            missing("creditor");
        } else {
            if (blank(creditor.name())) {
                missing("creditor.name");
            } else if (creditor.name().length() > 140) {
                invalid("creditor.name", "has more than 140 characters");
            }
            if (blank(creditor.personType())) {
                missing("creditor.personType");
            } else if (!PERSON_TYPES.contains(creditor.personType())) {
                invalid("creditor.personType", "must be PESSOA_NATURAL or PESSOA_JURIDICA");
            }
            if (blank(creditor.cpfCnpj())) {
                missing("creditor.cpfCnpj");
            } else if ("PESSOA_NATURAL".equals(creditor.personType()) && !BrazilianDocuments.isValidCpf(creditor.cpfCnpj())) {
                invalid("creditor.cpfCnpj", "is not a valid CPF for a PESSOA_NATURAL creditor");
            } else if ("PESSOA_JURIDICA".equals(creditor.personType()) && !BrazilianDocuments.isValidCnpj(creditor.cpfCnpj())) {
                invalid("creditor.cpfCnpj", "is not a valid CNPJ for a PESSOA_JURIDICA creditor");
            }
        }

        if (r.automaticPayment() != null) {
            if (blank(r.automaticPayment().cnpjInitiator())) {
                missing("automaticPayment.cnpjInitiator");
            } else if (!BrazilianDocuments.isValidCnpj(r.automaticPayment().cnpjInitiator())) {
                invalid("automaticPayment.cnpjInitiator", "is not a valid CNPJ (14 digits with check digits)");
            }
            if (r.automaticPayment().remittanceInformation() != null && r.automaticPayment().remittanceInformation().length() > 140) {
                invalid("automaticPayment.remittanceInformation", "has more than 140 characters");
            }
        }

        PaymentConsentRequest.Payment payment = r.payment();
        if (payment == null) {
            missing("payment");
            return;
        }
        if (!"PIX".equals(payment.type())) {
            invalid("payment.type", "must be PIX");
        }
        if (!"BRL".equals(payment.currency())) {
            invalid("payment.currency", "must be BRL");
        }
        if (blank(payment.amount())) {
            missing("payment.amount");
        } else if (!AMOUNT.matcher(payment.amount()).matches()) {
            invalid("payment.amount", "must be a decimal with two places, e.g. 100.12");
        } else if (new java.math.BigDecimal(payment.amount()).signum() <= 0) {
            invalid("payment.amount", "must be greater than zero");
        }
        if (payment.date() != null && payment.schedule() != null) {
            invalid("payment", "send either date or schedule, not both");
        } else if (payment.date() == null && payment.schedule() == null) {
            missing("payment.date");
        } else if (payment.date() != null) {
            try {
                LocalDate.parse(payment.date());
            } catch (DateTimeParseException e) {
                errors.add(new ErrorResponse.Error("DATA_PAGAMENTO_INVALIDA", "Data de pagamento inválida",
                        "payment.date must be an ISO date (yyyy-MM-dd)"));
            }
        }
    }

    private void missing(String field) {
        errors.add(new ErrorResponse.Error("PARAMETRO_NAO_INFORMADO", "Parâmetro não informado",
                field + " is required"));
    }

    private void invalid(String field, String why) {
        errors.add(new ErrorResponse.Error("PARAMETRO_INVALIDO", "Parâmetro inválido", field + " " + why));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean isHttpUri(String value) {
        try {
            URI uri = URI.create(value);
            return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
