package br.com.ponte.payment.bank;

import br.com.ponte.fapi.BankConnection;
import br.com.ponte.fapi.FapiException;
import br.com.ponte.fapi.PaymentsApi;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.ErrorResponse;
import br.com.ponte.kit.api.IdempotencyKeys;
import br.com.ponte.payment.config.PaymentConfig;
import br.com.ponte.kit.internal.ConsentGrants;
import br.com.ponte.payment.domain.PixPayment;
import br.com.ponte.payment.domain.PixPayments;
import br.com.ponte.payment.domain.PixStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Initiates a Pix payment on an authorised consent: the consent and the user's token from
 * consent-service, the CreatePixPayment data built from the consent (amount, creditor account,
 * proxy or QR code as consented), sent with the payment's id as {@code x-idempotency-key}. The
 * payment is stored before the call (SENDING), so a crash leaves a row a retry completes; a resend
 * gets the transmitter's first answer. 201 and 422 are answers (payment:initiated; the consent is
 * consumed); anything else is no initiation (FAILED, the consent stays AUTHORISED).
 */
@ApplicationScoped
public class Initiations {

    private static final Logger LOG = Logger.getLogger(Initiations.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What the partner (or the consent, for an automatic payment) says beyond the consent;
     * {@code date} names the scheduled date of a recurring consent this payment is for.
     */
    public record Instruction(String cnpjInitiator, String remittanceInformation, String transactionIdentification,
                              LocalDate date) {
    }

    private final ConsentGrants grants;
    private final BankPayments bank;
    private final PixPayments payments;
    private final PaymentConfig config;

    public Initiations(ConsentGrants grants, BankPayments bank, PixPayments payments, PaymentConfig config) {
        this.grants = grants;
        this.bank = bank;
        this.payments = payments;
        this.config = config;
    }

    /**
     * Initiates a payment on {@code consentId} for {@code partnerId}; with an idempotency key, a
     * repeated call returns the same payment (sending it again only when it FAILED before).
     */
    public Uni<PixPayment> initiate(String partnerId, UUID consentId, Instruction instruction, String idempotencyKey,
                                    String requestHash) {
        Uni<PixPayment> existing = idempotencyKey == null ? Uni.createFrom().nullItem()
                : Panache.withSession(() -> PixPayment.findByIdempotencyKey(partnerId, idempotencyKey));
        return existing.chain(found -> {
            if (found != null) {
                if (requestHash != null && !requestHash.equals(found.requestHash)) {
                    throw IdempotencyKeys.reusedWithAnotherRequest(idempotencyKey);
                }
                return PixPayment.ANSWERED.equals(found.initiation) ? Uni.createFrom().item(found)
                        : grant(found.consentId).chain(grant -> send(found, grant.accessToken()));
            }
            return grant(consentId).chain(grant -> {
                if (!grant.partnerId().equals(partnerId)) {
                    throw ApiException.notFound("No payment consent " + consentId);
                }
                boolean recurring = PaymentsApi.recurring(grant.consent());
                if (recurring != (instruction.date() != null)) {
                    throw recurring ? ApiException.unprocessable("PARAMETRO_NAO_INFORMADO",
                            "date is required: the consent has a recurring schedule; name the date this payment is for")
                            : ApiException.unprocessable("PARAMETRO_INVALIDO",
                            "date is only for consents with a recurring schedule; this consent's payment date is fixed");
                }
                return alreadyPaid(grant).chain(paid -> {
                    if (paid != null) {
                        throw ApiException.unprocessable("CONSENTIMENTO_INVALIDO", "The consent was used by payment " + paid.id);
                    }
                    PixPayment payment = build(grant, instruction);
                    payment.idempotencyKey = idempotencyKey;
                    payment.requestHash = requestHash;
                    return payments.open(payment).chain(stored -> send(stored, grant.accessToken()));
                });
            });
        });
    }

    /** The consent from consent-service; an unknown one is a payment consent this partner does not have. */
    private Uni<ConsentGrants.ConsentGrant> grant(UUID consentId) {
        return grants.grant(consentId.toString()).onFailure(e -> e instanceof ApiException api && api.status() == 404)
                .transform(e -> ApiException.notFound("No payment consent " + consentId));
    }

    /**
     * A payment the transmitter already answered (or is being sent) on a consent for one payment;
     * null for a recurring consent (one payment per date) or an unused one.
     */
    private static Uni<PixPayment> alreadyPaid(ConsentGrants.ConsentGrant grant) {
        if (PaymentsApi.recurring(grant.consent())) {
            return Uni.createFrom().nullItem();
        }
        return Panache.withSession(() -> PixPayment.<PixPayment>find("consentId = ?1 and initiation <> ?2",
                UUID.fromString(grant.consentId()), PixPayment.FAILED).firstResult());
    }

    private Uni<PixPayment> send(PixPayment payment, String accessToken) {
        return bank.create(payment.partnerId, payment.transmitter, accessToken, payment.id.toString(), read(payment.request))
                .onItemOrFailure().transformToUni((answer, failure) -> failure instanceof FapiException f
                        ? failed(payment, "The transmitter could not be reached (" + f.error() + ")", null)
                        : failure != null ? Uni.createFrom().<PixPayment>failure(failure)
                        : switch (answer.status()) {
                    case 201 -> payments.created(payment.id, answer.data().path(0).path("paymentId").asText(),
                            PixStatus.fromWireValue(answer.data().path(0).path("status").asText()),
                            Instant.now().plus(config.pollFirstAfter()));
                    case 422 -> payments.refused(payment.id, answer.errorCode(), answer.errorDetail());
                    default -> failed(payment, "The transmitter answered HTTP " + answer.status() + " (" + answer.errorCode() + ")",
                            answer);
                });
    }

    private Uni<PixPayment> failed(PixPayment payment, String why, BankConnection.Answer answer) {
        LOG.warnf("Pix payment %s not initiated: %s", payment.id, why);
        return payments.failed(payment.id, why).invoke(p -> {
            throw new ApiException(answer != null && answer.status() == 429 ? 429 : 502, List.of(new ErrorResponse.Error(
                    answer == null ? "TRANSMISSORA_INDISPONIVEL" : "ERRO_TRANSMISSORA", "Pagamento não iniciado",
                    why + "; the consent stays AUTHORISED: retry with the same x-idempotency-key (payment " + p.id + ")")));
        });
    }

    /** The payment the consent asks for, as the payments API's CreatePixPayment data. */
    static PixPayment build(ConsentGrants.ConsentGrant grant, Instruction instruction) {
        JsonNode consent = grant.consent();
        JsonNode details = consent.path("payment").path("details");
        ObjectNode data = JSON.createObjectNode();
        LocalDate scheduled = instruction.date() != null ? instruction.date() : scheduledDate(consent.path("payment"));
        data.put("endToEndId", endToEndId(instruction.cnpjInitiator(), scheduled));
        data.put("localInstrument", details.path("localInstrument").asText());
        data.putObject("payment").put("amount", consent.path("payment").path("amount").asText())
                .put("currency", consent.path("payment").path("currency").asText("BRL"));
        data.set("creditorAccount", details.path("creditorAccount"));
        for (String field : List.of("proxy", "qrCode")) {
            if (details.hasNonNull(field)) {
                data.set(field, details.get(field));
            }
        }
        if (consent.path("payment").hasNonNull("ibgeTownCode")) {
            data.set("ibgeTownCode", consent.path("payment").get("ibgeTownCode"));
        }
        if (instruction.remittanceInformation() != null) {
            data.put("remittanceInformation", instruction.remittanceInformation());
        }
        if (instruction.transactionIdentification() != null) {
            data.put("transactionIdentification", instruction.transactionIdentification());
        }
        data.put("cnpjInitiator", instruction.cnpjInitiator());
        data.put("consentId", grant.transmitterConsentId());

        PixPayment payment = new PixPayment();
        payment.id = UUID.randomUUID();
        payment.partnerId = grant.partnerId();
        payment.consentId = UUID.fromString(grant.consentId());
        payment.transmitter = grant.transmitter();
        payment.transmitterConsentId = grant.transmitterConsentId();
        payment.endToEndId = data.path("endToEndId").asText();
        payment.initiation = PixPayment.SENDING;
        payment.request = data.toString();
        payment.consent = consent.toString();
        payment.createdAt = Instant.now();
        payment.statusUpdatedAt = payment.createdAt;
        return payment;
    }

    /** A single scheduled date, when the consent schedules the payment. */
    static LocalDate scheduledDate(JsonNode payment) {
        JsonNode single = payment.path("schedule").path("single").path("date");
        return single.isTextual() ? LocalDate.parse(single.asText()) : null;
    }

    /**
     * The Pix end-to-end id: {@code E}, the initiator's ISPB (the CNPJ's base), the time (a scheduled
     * payment: its date at 15:00 UTC, as the payments API asks), 11 random alphanumerics.
     */
    static String endToEndId(String cnpjInitiator, LocalDate scheduled) {
        String when = scheduled == null ? MINUTE.format(Instant.now())
                : scheduled.format(DateTimeFormatter.BASIC_ISO_DATE) + "1500";
        StringBuilder id = new StringBuilder("E").append(cnpjInitiator, 0, 8).append(when);
        for (int i = 0; i < 11; i++) {
            id.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
