package br.com.ponte.consent.api;

import br.com.ponte.consent.domain.BrazilianDocuments;

import br.com.ponte.kit.api.ApiException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

import static br.com.ponte.consent.api.FieldErrors.blank;
import static br.com.ponte.consent.api.FieldErrors.isHttpUrl;

/**
 * The checks the payments API v4 makes on a consent request, as far as this version of Ponte
 * implements the request. Every problem found is reported at once, in Open Finance's error shape.
 * On the whitelabel track the user chooses the bank, so the request comes without
 * {@code transmitter}.
 */
public final class ConsentRequestValidator {

    private static final Pattern AMOUNT = Pattern.compile("^\\d{1,16}\\.\\d{2}$");
    private static final Set<String> PERSON_TYPES = Set.of("PESSOA_NATURAL", "PESSOA_JURIDICA");

    private final FieldErrors errors = new FieldErrors();

    private ConsentRequestValidator() {
    }

    /**
     * The API track's request, naming the {@code transmitter}: throws a 422 {@link ApiException}
     * listing every problem, or returns when the request is valid.
     */
    public static void validate(PaymentConsentRequest r) {
        validate(r, true);
    }

    /**
     * The whitelabel track's request: the same checks, but the user chooses the bank on Ponte's
     * screens, so a {@code transmitter} in the request is a problem too.
     */
    public static void validateWithoutTransmitter(PaymentConsentRequest r) {
        validate(r, false);
    }

    private static void validate(PaymentConsentRequest r, boolean namesTransmitter) {
        if (r == null) {
            throw ApiException.badRequest("PARAMETRO_NAO_INFORMADO", "The request body is required");
        }
        ConsentRequestValidator v = new ConsentRequestValidator();
        v.check(r, namesTransmitter);
        v.errors.throwIfAny();
    }

    private void check(PaymentConsentRequest r, boolean namesTransmitter) {
        if (namesTransmitter && blank(r.transmitter())) {
            errors.missing("transmitter");
        } else if (!namesTransmitter && r.transmitter() != null) {
            errors.invalid("transmitter", "must not be sent: the user chooses the bank on Ponte's screens");
        }
        if (blank(r.redirectUri())) {
            errors.missing("redirectUri");
        } else if (!isHttpUrl(r.redirectUri())) {
            errors.invalid("redirectUri", "must be an absolute http(s) URL");
        }

        if (r.loggedUser() == null || r.loggedUser().document() == null || blank(r.loggedUser().document().identification())) {
            errors.missing("loggedUser.document.identification");
        } else {
            if (!"CPF".equals(r.loggedUser().document().rel())) {
                errors.invalid("loggedUser.document.rel", "must be CPF");
            }
            if (!BrazilianDocuments.isValidCpf(r.loggedUser().document().identification())) {
                errors.invalid("loggedUser.document.identification", "is not a valid CPF (11 digits with check digits)");
            }
        }
        if (r.businessEntity() != null && r.businessEntity().document() != null) {
            PaymentConsentRequest.Document doc = r.businessEntity().document();
            if (!"CNPJ".equals(doc.rel())) {
                errors.invalid("businessEntity.document.rel", "must be CNPJ");
            }
            if (!BrazilianDocuments.isValidCnpj(doc.identification())) {
                errors.invalid("businessEntity.document.identification", "is not a valid CNPJ (14 digits with check digits)");
            }
        }

        PaymentConsentRequest.Creditor creditor = r.creditor();
        if (creditor == null) {
            errors.missing("creditor");
        } else {
            if (blank(creditor.name())) {
                errors.missing("creditor.name");
            } else if (creditor.name().length() > 140) {
                errors.invalid("creditor.name", "has more than 140 characters");
            }
            if (blank(creditor.personType())) {
                errors.missing("creditor.personType");
            } else if (!PERSON_TYPES.contains(creditor.personType())) {
                errors.invalid("creditor.personType", "must be PESSOA_NATURAL or PESSOA_JURIDICA");
            }
            if (blank(creditor.cpfCnpj())) {
                errors.missing("creditor.cpfCnpj");
            } else if ("PESSOA_NATURAL".equals(creditor.personType()) && !BrazilianDocuments.isValidCpf(creditor.cpfCnpj())) {
                errors.invalid("creditor.cpfCnpj", "is not a valid CPF for a PESSOA_NATURAL creditor");
            } else if ("PESSOA_JURIDICA".equals(creditor.personType()) && !BrazilianDocuments.isValidCnpj(creditor.cpfCnpj())) {
                errors.invalid("creditor.cpfCnpj", "is not a valid CNPJ for a PESSOA_JURIDICA creditor");
            }
        }

        if (r.automaticPayment() != null) {
            if (blank(r.automaticPayment().cnpjInitiator())) {
                errors.missing("automaticPayment.cnpjInitiator");
            } else if (!BrazilianDocuments.isValidCnpj(r.automaticPayment().cnpjInitiator())) {
                errors.invalid("automaticPayment.cnpjInitiator", "is not a valid CNPJ (14 digits with check digits)");
            }
            if (r.automaticPayment().remittanceInformation() != null && r.automaticPayment().remittanceInformation().length() > 140) {
                errors.invalid("automaticPayment.remittanceInformation", "has more than 140 characters");
            }
        }

        PaymentConsentRequest.Payment payment = r.payment();
        if (payment == null) {
            errors.missing("payment");
            return;
        }
        if (!"PIX".equals(payment.type())) {
            errors.invalid("payment.type", "must be PIX");
        }
        if (!"BRL".equals(payment.currency())) {
            errors.invalid("payment.currency", "must be BRL");
        }
        if (blank(payment.amount())) {
            errors.missing("payment.amount");
        } else if (!AMOUNT.matcher(payment.amount()).matches()) {
            errors.invalid("payment.amount", "must be a decimal with two places, e.g. 100.12");
        } else if (new java.math.BigDecimal(payment.amount()).signum() <= 0) {
            errors.invalid("payment.amount", "must be greater than zero");
        }
        if (payment.date() != null && payment.schedule() != null) {
            errors.invalid("payment", "send either date or schedule, not both");
        } else if (payment.date() == null && payment.schedule() == null) {
            errors.missing("payment.date");
        } else if (payment.date() != null) {
            try {
                LocalDate.parse(payment.date());
            } catch (DateTimeParseException e) {
                errors.add("DATA_PAGAMENTO_INVALIDA", "Data de pagamento inválida",
                        "payment.date must be an ISO date (yyyy-MM-dd)");
            }
        }
    }
}
