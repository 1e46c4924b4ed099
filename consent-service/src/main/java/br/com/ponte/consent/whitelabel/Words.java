package br.com.ponte.consent.whitelabel;

import br.com.ponte.consent.sharing.ResourceStatus;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the screens write what the domain holds, as a Brazilian user reads it: documents with their
 * punctuation (a CPF masked, as Open Finance's experience guide asks), dates in words in Brasília's
 * time, terms in months, and the consents API's codes in plain Portuguese.
 */
public final class Words {

    public static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    public static final ZoneId BRASILIA = ZoneId.of("America/Sao_Paulo");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d 'de' MMMM 'de' yyyy", PT_BR).withZone(BRASILIA);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d 'de' MMMM 'de' yyyy', às' HH:mm", PT_BR)
            .withZone(BRASILIA);

    private Words() {
    }

    /** {@code ***.444.777-**}: the middle digits only, enough for the user to recognise it. */
    public static String cpf(String digits) {
        return "***." + digits.substring(3, 6) + "." + digits.substring(6, 9) + "-**";
    }

    /** {@code 11.222.333/0001-81}. */
    public static String cnpj(String digits) {
        return digits.replaceFirst("(\\d{2})(\\d{3})(\\d{3})(\\d{4})(\\d{2})", "$1.$2.$3/$4-$5");
    }

    public static String date(Instant instant) {
        return instant == null ? null : DATE.format(instant);
    }

    public static String dateTime(Instant instant) {
        return instant == null ? null : DATE_TIME.format(instant);
    }

    /** "1 mês", "6 meses"; "Prazo indeterminado" for none. */
    public static String months(Integer months) {
        if (months == null) {
            return "Prazo indeterminado";
        }
        return months == 1 ? "1 mês" : months + " meses";
    }

    /** "Até 22 de novembro de 2026", or "Indeterminado" for a sharing without a term. */
    public static String validity(Instant expiration) {
        return expiration == null ? "Indeterminado" : "Até " + date(expiration);
    }

    /** Why a sharing was not authorised or ended, from the consents API v3's reason code. */
    public static String reason(String code) {
        if (code == null) {
            return "A instituição não autorizou o compartilhamento.";
        }
        return switch (code) {
            case "CUSTOMER_MANUALLY_REJECTED" -> "O compartilhamento não foi autorizado na instituição.";
            case "CUSTOMER_MANUALLY_REVOKED" -> "O compartilhamento foi encerrado.";
            case "CONSENT_EXPIRED" -> "O tempo para autorizar na instituição acabou.";
            case "CONSENT_MAX_DATE_REACHED" -> "O prazo do compartilhamento terminou.";
            case "CONSENT_TECHNICAL_ISSUE" -> "A instituição teve um problema técnico e não concluiu a autorização.";
            case "INTERNAL_SECURITY_REASON" -> "A instituição não autorizou por motivo de segurança.";
            default -> "A instituição não autorizou o compartilhamento.";
        };
    }

    /** A resource's type (resources API v3) as the user knows it. */
    public static String resourceType(String type) {
        return switch (type == null ? "" : type) {
            case "ACCOUNT" -> "Conta";
            case "CREDIT_CARD_ACCOUNT" -> "Cartão de crédito";
            case "LOAN" -> "Empréstimo";
            case "FINANCING" -> "Financiamento";
            case "UNARRANGED_ACCOUNT_OVERDRAFT" -> "Adiantamento a depositante";
            case "INVOICE_FINANCING" -> "Direitos creditórios descontados";
            default -> "Produto";
        };
    }

    public static String resourceStatus(ResourceStatus status) {
        return switch (status) {
            case AVAILABLE -> "Compartilhando";
            case PENDING_AUTHORISATION -> "Aguardando a aprovação de outras pessoas";
            case TEMPORARILY_UNAVAILABLE -> "Indisponível no momento";
            case UNAVAILABLE -> "Indisponível";
        };
    }
}
