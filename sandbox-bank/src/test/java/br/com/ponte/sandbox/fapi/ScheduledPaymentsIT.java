package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static br.com.ponte.sandbox.fapi.PaymentConsentsIT.assertError;
import static br.com.ponte.sandbox.fapi.PaymentConsentsIT.assertRefused;
import static br.com.ponte.sandbox.fapi.PaymentConsentsIT.code;
import static br.com.ponte.sandbox.fapi.PixPaymentsIT.cancellation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled Pix payments v4 over mutual TLS: schedules refused with the spec's codes, a payment per
 * scheduled date (each named by its endToEndId's day), the consent consumed by the last one, the
 * cancellation of them all by {@code PATCH /pix/payments/consents/{consentId}}, and a scheduled payment
 * settling (the test sandbox settles them {@code sandbox.schedule.settle-after} = 5 s after they are
 * made). Every body is checked against payments_4.0.0.yml.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class ScheduledPaymentsIT {

    private static final LocalDate TOMORROW = Initiator.today().plusDays(1);

    @Test
    void aDailyScheduleTakesAPaymentPerDateAndTheLastConsumesTheConsent() throws Exception {
        Initiator initiator = Initiator.register();
        String consentId = initiator.createConsent(Initiator.scheduledConsentData("100.00", daily(TOMORROW, 3)));
        String token = initiator.authorise(consentId);

        List<String> payments = new ArrayList<>(paid(initiator, initiator.pay(token,
                Initiator.scheduledPaymentData("100.00", TOMORROW))));
        assertThat(initiator.consent(consentId).get("status").asText()).isEqualTo("AUTHORISED");
        payments.addAll(paid(initiator, initiator.pay(token, Initiator.scheduledPaymentData("100.00", TOMORROW.plusDays(1)),
                Initiator.scheduledPaymentData("100.00", TOMORROW.plusDays(2)))));

        assertThat(payments).hasSize(3).doesNotHaveDuplicates();
        assertThat(initiator.consent(consentId).get("status").asText()).isEqualTo("CONSUMED");
        for (String paymentId : payments) {
            initiator.paymentUntil(paymentId, found -> found.get("status").asText().equals("SCHD"));
        }
        HttpResponse<String> more = initiator.pay(token, Initiator.scheduledPaymentData("100.00", TOMORROW));
        assertThat(more.statusCode()).isEqualTo(422);
        assertThat(code(initiator.payload(more))).isEqualTo("CONSENTIMENTO_INVALIDO");
    }

    @Test
    void cancellingAConsentsPaymentsCancelsEveryScheduledOne() throws Exception {
        Initiator initiator = Initiator.register();
        String consentId = initiator.createConsent(Initiator.scheduledConsentData("100.00", daily(TOMORROW, 3)));
        List<String> payments = paid(initiator, initiator.pay(initiator.authorise(consentId),
                Initiator.scheduledPaymentData("100.00", TOMORROW),
                Initiator.scheduledPaymentData("100.00", TOMORROW.plusDays(1)),
                Initiator.scheduledPaymentData("100.00", TOMORROW.plusDays(2))));
        assertThat(initiator.consent(consentId).get("status").asText()).isEqualTo("CONSUMED");
        for (String paymentId : payments) {
            initiator.paymentUntil(paymentId, found -> found.get("status").asText().equals("SCHD"));
        }
        String path = "/pix/payments/consents/" + consentId;
        String key = UUID.randomUUID().toString();

        HttpResponse<String> cancelled = initiator.patch(path, initiator.signed(cancellation()), "x-idempotency-key", key);

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        JsonNode body = initiator.payload(cancelled);
        PaymentsSpecCheck.assertValid("ResponsePatchPixConsent", body);
        assertThat(body.get("data").findValuesAsText("paymentId")).containsExactlyInAnyOrderElementsOf(payments);
        assertThat(body.get("links").get("self").asText()).isEqualTo(Sandbox.bank(Initiator.BASE + path));
        for (String paymentId : payments) {
            JsonNode payment = initiator.payment(paymentId);
            assertThat(payment.get("status").asText()).isEqualTo("CANC");
            assertThat(payment.get("cancellation").get("reason").asText()).isEqualTo("CANCELADO_AGENDAMENTO");
        }

        HttpResponse<String> replayed = initiator.patch(path, initiator.signed(cancellation()), "x-idempotency-key", key);
        assertThat(replayed.body()).isEqualTo(cancelled.body());
        HttpResponse<String> nothingLeft = initiator.patch(path, initiator.signed(cancellation()),
                "x-idempotency-key", UUID.randomUUID().toString());
        assertThat(nothingLeft.statusCode()).isEqualTo(422);
        JsonNode refusal = initiator.payload(nothingLeft);
        PaymentsSpecCheck.assertValid("422ResponseErrorCreatePixPayment", refusal);
        assertThat(code(refusal)).isEqualTo("PAGAMENTO_NAO_PERMITE_CANCELAMENTO");
        assertError(initiator.patch("/pix/payments/consents/urn:pontesandbox:" + UUID.randomUUID(),
                initiator.signed(cancellation()), "x-idempotency-key", UUID.randomUUID().toString()), 404, "NOT_FOUND");
        assertError(initiator.patch(path, initiator.signed(cancellation())), 400, "PARAMETRO_NAO_INFORMADO");
    }

    @Test
    void aSingleScheduledPaymentIsScheduledAndCanBeCancelled() throws Exception {
        Initiator initiator = Initiator.register();
        String consentId = initiator.createConsent(Initiator.scheduledConsentData("100.00", single(TOMORROW)));
        String paymentId = paid(initiator, initiator.pay(initiator.authorise(consentId),
                Initiator.scheduledPaymentData("100.00", TOMORROW))).get(0);

        initiator.paymentUntil(paymentId, found -> found.get("status").asText().equals("SCHD"));
        HttpResponse<String> cancelled = initiator.patch("/pix/payments/" + paymentId, initiator.signed(cancellation()));

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(initiator.payload(cancelled).get("data").get("cancellation").get("reason").asText())
                .isEqualTo("CANCELADO_AGENDAMENTO");
    }

    @Test
    void aScheduledPaymentSettlesWhenItsTimeComes() throws Exception {
        Initiator initiator = Initiator.register();
        String consentId = initiator.createConsent(Initiator.scheduledConsentData("100.00", single(TOMORROW)));
        String paymentId = paid(initiator, initiator.pay(initiator.authorise(consentId),
                Initiator.scheduledPaymentData("100.00", TOMORROW))).get(0);

        List<String> seen = new ArrayList<>();
        initiator.paymentUntil(paymentId, found -> {
            String status = found.get("status").asText();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
            }
            return status.equals("ACSC");
        });

        assertThat(seen).contains("SCHD").isSubsetOf("RCVD", "SCHD", "ACCP", "ACPD", "ACSC").endsWith("ACSC");
    }

    @Test
    void eachItemMustPayADateOfTheScheduleThatExists() {
        Initiator initiator = Initiator.register();
        String outside = initiator.createConsent(Initiator.scheduledConsentData("100.00", daily(TOMORROW, 3)));
        HttpResponse<String> refused = initiator.pay(initiator.authorise(outside),
                Initiator.scheduledPaymentData("100.00", TOMORROW.plusDays(3)));
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode refusal = initiator.payload(refused);
        PaymentsSpecCheck.assertValid("422ResponseErrorCreatePixPayments", refusal);
        assertThat(code(refusal)).isEqualTo("PAGAMENTO_DIVERGENTE_CONSENTIMENTO");
        assertThat(initiator.consent(outside).get("status").asText()).isEqualTo("CONSUMED");

        String twice = initiator.createConsent(Initiator.scheduledConsentData("100.00", daily(TOMORROW, 3)));
        assertThat(code(initiator.payload(initiator.pay(initiator.authorise(twice),
                Initiator.scheduledPaymentData("100.00", TOMORROW), Initiator.scheduledPaymentData("100.00", TOMORROW)))))
                .isEqualTo("PAGAMENTO_DIVERGENTE_CONSENTIMENTO");

        String missingDay = initiator.createConsent(Initiator.scheduledConsentData("100.00", single(TOMORROW)));
        ObjectNode thirtiethOfFebruary = Initiator.scheduledPaymentData("100.00", TOMORROW);
        String endToEndId = thirtiethOfFebruary.get("endToEndId").asText();
        thirtiethOfFebruary.put("endToEndId", endToEndId.substring(0, 9) + (TOMORROW.getYear() + 1) + "0230"
                + endToEndId.substring(17));
        JsonNode invalidDay = initiator.payload(initiator.pay(initiator.authorise(missingDay), thirtiethOfFebruary));
        assertThat(code(invalidDay)).isEqualTo("PARAMETRO_INVALIDO");
        assertThat(invalidDay.get("errors").get(0).get("detail").asText()).isEqualTo("Data de liquidação inválida");
    }

    @Test
    void invalidSchedulesAreRefusedWithTheSpecCodes() {
        Initiator initiator = Initiator.register();
        assertRefused(initiator, Initiator.scheduledConsentData("100.00", daily(Initiator.today(), 3)), 422,
                "DATA_PAGAMENTO_INVALIDA");
        assertRefused(initiator, Initiator.scheduledConsentData("100.00", single(Initiator.today().plusDays(731))), 422,
                "DATA_PAGAMENTO_INVALIDA");

        ObjectNode weekly = Json.MAPPER.createObjectNode();
        weekly.putObject("weekly").put("dayOfWeek", "SEXTA_FEIRA").put("startDate", TOMORROW.toString()).put("quantity", 4);
        ObjectNode initiatedByTheCreditor = Initiator.scheduledConsentData("100.00", weekly);
        ((ObjectNode) initiatedByTheCreditor.get("payment").get("details")).put("localInstrument", "INIC");
        assertRefused(initiator, initiatedByTheCreditor, 422, "FORMA_PAGAMENTO_INVALIDA");

        ObjectNode repeated = Json.MAPPER.createObjectNode();
        repeated.putObject("custom").put("additionalInformation", "Duas vezes no mesmo dia").putArray("dates")
                .add(TOMORROW.toString()).add(TOMORROW.toString());
        assertRefused(initiator, Initiator.scheduledConsentData("100.00", repeated), 422, "PARAMETRO_INVALIDO");

        JsonNode tooMany = assertRefused(initiator, Initiator.scheduledConsentData("100.00", daily(TOMORROW, 61)), 422,
                "PARAMETRO_INVALIDO");
        assertThat(tooMany.get("errors").get(0).get("detail").asText())
                .isEqualTo("Quantidade permitida de pagamentos excedida");
        assertRefused(initiator, Initiator.scheduledConsentData("100.00",
                daily(Initiator.today().plusDays(700), 60)), 422, "PARAMETRO_INVALIDO");
    }

    /** The ids of the payments a 201 answer created, which must be valid against the spec. */
    private static List<String> paid(Initiator initiator, HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = initiator.payload(created);
        PaymentsSpecCheck.assertValid("ResponseCreatePixPayment", body);
        return body.get("data").findValuesAsText("paymentId");
    }

    private static ObjectNode single(LocalDate date) {
        ObjectNode schedule = Json.MAPPER.createObjectNode();
        schedule.putObject("single").put("date", date.toString());
        return schedule;
    }

    private static ObjectNode daily(LocalDate start, int quantity) {
        ObjectNode schedule = Json.MAPPER.createObjectNode();
        schedule.putObject("daily").put("startDate", start.toString()).put("quantity", quantity);
        return schedule;
    }
}
