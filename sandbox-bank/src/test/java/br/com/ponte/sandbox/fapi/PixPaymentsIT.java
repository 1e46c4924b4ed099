package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import br.com.ponte.sandbox.payments.PaymentConsent;
import br.com.ponte.sandbox.payments.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static br.com.ponte.sandbox.fapi.PaymentConsentsIT.assertError;
import static br.com.ponte.sandbox.fapi.PaymentConsentsIT.code;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pix payments v4 end to end over mutual TLS: consent, the user's authorisation, the payment with the
 * token of that authorisation, then its progress, each scenario the amount selects, cancellation and
 * what each answer does to the consent ({@link ScheduledPaymentsIT} for scheduled payments). Every body
 * is checked against payments_4.0.0.yml.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class PixPaymentsIT {

    /** One initiator for the scenario runs, which need nothing of their own. */
    private static Initiator scenarios;

    @Test
    void aPaymentConsumesTheConsentAndSettles() throws Exception {
        Initiator initiator = Initiator.register();
        String consentId = initiator.createConsent(Initiator.consentData("100.00"));
        String token = initiator.authorise(consentId);
        ObjectNode payment = Initiator.paymentData("100.00");
        String key = UUID.randomUUID().toString();

        HttpResponse<String> created = initiator.post("/pix/payments", token,
                initiator.signed(Json.MAPPER.createArrayNode().add(payment)), key);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = initiator.payload(created);
        PaymentsSpecCheck.assertValid("ResponseCreatePixPayment", body);
        JsonNode answered = body.get("data").get(0);
        assertThat(answered.get("status").asText()).isEqualTo("RCVD");
        assertThat(answered.get("consentId").asText()).isEqualTo(consentId);
        assertThat(answered.get("endToEndId").asText()).isEqualTo(payment.get("endToEndId").asText());
        String paymentId = answered.get("paymentId").asText();
        assertThat(initiator.consent(consentId).get("status").asText()).isEqualTo("CONSUMED");

        HttpResponse<String> replayed = initiator.post("/pix/payments", token,
                initiator.signed(Json.MAPPER.createArrayNode().add(payment)), key);
        assertThat(replayed.body()).isEqualTo(created.body());

        List<String> seen = new ArrayList<>();
        JsonNode settled = initiator.paymentUntil(paymentId, found -> {
            String status = found.get("status").asText();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
            }
            return status.equals("ACSC");
        });
        assertThat(settled.get("debtorAccount").get("number").asText()).isEqualTo(Initiator.CPF.substring(0, 10));
        assertThat(seen).isSubsetOf("RCVD", "ACCP", "ACPD", "ACSC").endsWith("ACSC");

        HttpResponse<String> again = initiator.post("/pix/payments", token,
                initiator.signed(Json.MAPPER.createArrayNode().add(Initiator.paymentData("100.00"))),
                UUID.randomUUID().toString());
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(code(initiator.payload(again))).isEqualTo("CONSENTIMENTO_INVALIDO");
    }

    @ParameterizedTest
    @EnumSource(names = {"INSUFFICIENT_BALANCE", "ABOVE_LIMIT", "INVALID_AMOUNT", "INVALID_CHARGE", "NOT_INFORMED",
            "DIVERGENT_FROM_CONSENT", "INVALID_DETAIL", "REFUSED_BY_HOLDER", "REFUSED_BY_SPI", "INFRASTRUCTURE_FAILURE",
            "DICT_REJECTION"})
    void rejectionScenariosAreAcceptedThenRejected(Scenario scenario) throws Exception {
        if (scenarios == null) {
            scenarios = Initiator.register();
        }
        Initiator initiator = scenarios;
        String paymentId = pay(initiator, scenario.amount());

        JsonNode rejected = initiator.paymentUntil(paymentId, found -> found.get("status").asText().equals("RJCT"));

        assertThat(rejected.get("rejectionReason").get("code").asText()).isEqualTo(scenario.rejection().code());
        assertThat(initiator.consent(rejected.get("consentId").asText()).get("status").asText()).isEqualTo("CONSUMED");
    }

    @Test
    void aPendingPaymentIsCancelledAndASettledOneIsNot() throws Exception {
        Initiator initiator = Initiator.register();
        String pending = pay(initiator, Scenario.PENDING.amount());
        initiator.paymentUntil(pending, found -> found.get("status").asText().equals("PDNG"));

        HttpResponse<String> cancelled = initiator.patch("/pix/payments/" + pending, initiator.signed(cancellation()));

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        JsonNode body = initiator.payload(cancelled);
        PaymentsSpecCheck.assertValid("ResponsePatchPixPayment", body);
        assertThat(body.get("data").get("status").asText()).isEqualTo("CANC");
        assertThat(body.get("data").get("cancellation").get("reason").asText()).isEqualTo("CANCELADO_PENDENCIA");
        assertThat(initiator.payment(pending).get("status").asText()).isEqualTo("CANC");

        String settled = pay(initiator, "100.00");
        initiator.paymentUntil(settled, found -> found.get("status").asText().equals("ACSC"));
        HttpResponse<String> refused = initiator.patch("/pix/payments/" + settled, initiator.signed(cancellation()));
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode refusal = initiator.payload(refused);
        PaymentsSpecCheck.assertValid("422ResponseErrorCreatePixPayment", refusal);
        assertThat(code(refusal)).isEqualTo("PAGAMENTO_NAO_PERMITE_CANCELAMENTO");
    }

    @Test
    void a422AtCreationConsumesTheConsentAndA5xxDoesNot() {
        Initiator initiator = Initiator.register();
        String refusedConsent = initiator.createConsent(Initiator.consentData(Scenario.REFUSED_AT_CREATION.amount()));
        HttpResponse<String> refused = initiator.pay(initiator.authorise(refusedConsent),
                Initiator.paymentData(Scenario.REFUSED_AT_CREATION.amount()));
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode refusal = initiator.payload(refused);
        PaymentsSpecCheck.assertValid("422ResponseErrorCreatePixPayments", refusal);
        assertThat(code(refusal)).isEqualTo("DETALHE_PAGAMENTO_INVALIDO");
        assertThat(initiator.consent(refusedConsent).get("status").asText()).isEqualTo("CONSUMED");

        String failingConsent = initiator.createConsent(Initiator.consentData(Scenario.SERVER_ERROR.amount()));
        String token = initiator.authorise(failingConsent);
        assertError(initiator.pay(token, Initiator.paymentData(Scenario.SERVER_ERROR.amount())), 500, "ERRO_INTERNO");
        assertThat(initiator.consent(failingConsent).get("status").asText()).isEqualTo("AUTHORISED");

        String overloadedConsent = initiator.createConsent(Initiator.consentData(Scenario.OVERLOADED.amount()));
        assertError(initiator.pay(initiator.authorise(overloadedConsent),
                Initiator.paymentData(Scenario.OVERLOADED.amount())), 529, "SITE_SOBRECARREGADO");
        assertThat(initiator.consent(overloadedConsent).get("status").asText()).isEqualTo("AUTHORISED");
    }

    @Test
    void aPaymentThatDiffersFromItsConsentIsRefusedAndConsumesIt() {
        Initiator initiator = Initiator.register();
        String consentId = initiator.createConsent(Initiator.consentData("100.00"));

        HttpResponse<String> refused = initiator.pay(initiator.authorise(consentId), Initiator.paymentData("99.00"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(code(initiator.payload(refused))).isEqualTo("PAGAMENTO_DIVERGENTE_CONSENTIMENTO");
        assertThat(initiator.consent(consentId).get("status").asText()).isEqualTo("CONSUMED");
    }

    @Test
    void theSlowScenarioAnswersAfterSecondsAndSettles() throws Exception {
        Initiator initiator = Initiator.register();
        String consentId = initiator.createConsent(Initiator.consentData(Scenario.SLOW.amount()));
        String token = initiator.authorise(consentId);

        Instant start = Instant.now();
        HttpResponse<String> created = initiator.pay(token, Initiator.paymentData(Scenario.SLOW.amount()));

        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(
                Duration.ofSeconds(Scenario.SLOW_ANSWER_SECONDS));
        assertThat(created.statusCode()).isEqualTo(201);
    }

    @Test
    void anAuthorisedConsentNotConsumedInTimeIsRejected() throws Exception {
        Initiator initiator = Initiator.register();
        String consentId = initiator.createConsent(Initiator.consentData("100.00"));
        String token = initiator.authorise(consentId);

        JsonNode consent = initiator.consentUntil(consentId, found -> found.get("status").asText().equals("REJECTED"));

        assertThat(consent.get("rejectionReason").get("code").asText()).isEqualTo("TEMPO_EXPIRADO_CONSUMO");
        HttpResponse<String> late = initiator.pay(token, Initiator.paymentData("100.00"));
        assertThat(late.statusCode()).isEqualTo(422);
        assertThat(code(initiator.payload(late))).isEqualTo("CONSENTIMENTO_INVALIDO");
    }

    @Test
    void aMultiApproverAccountIsPartiallyAcceptedUntilTheSecondApproval() throws Exception {
        Initiator initiator = Initiator.register();
        ObjectNode data = Initiator.consentData("100.00");
        data.putObject("debtorAccount").put("ispb", "12345678").put("issuer", "0001")
                .put("number", PaymentConsent.MULTI_APPROVER_ACCOUNT).put("accountType", "CACC");
        String consentId = initiator.createConsent(data);
        String token = initiator.authorise(consentId);
        assertThat(initiator.consent(consentId).get("status").asText()).isEqualTo("PARTIALLY_ACCEPTED");

        HttpResponse<String> early = initiator.pay(token, Initiator.paymentData("100.00"));
        assertThat(early.statusCode()).isEqualTo(422);
        assertThat(code(initiator.payload(early))).isEqualTo("CONSENTIMENTO_PENDENTE_AUTORIZACAO");

        initiator.consentUntil(consentId, found -> found.get("status").asText().equals("AUTHORISED"));
        assertThat(initiator.pay(token, Initiator.paymentData("100.00")).statusCode()).isEqualTo(201);
    }

    @Test
    void paymentsNeedTheTokenOfTheUsersAuthorisation() {
        Initiator initiator = Initiator.register();
        initiator.createConsent(Initiator.consentData("100.00"));

        assertError(initiator.pay(initiator.clientCredentials(), Initiator.paymentData("100.00")), 403, "FORBIDDEN");
        assertError(initiator.get("/pix/payments/" + UUID.randomUUID()), 404, "NOT_FOUND");
    }

    /** Consent, authorisation and payment of this amount; answers the payment id. */
    private static String pay(Initiator initiator, String amount) {
        String consentId = initiator.createConsent(Initiator.consentData(amount));
        HttpResponse<String> created = initiator.pay(initiator.authorise(consentId), Initiator.paymentData(amount));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = initiator.payload(created);
        PaymentsSpecCheck.assertValid("ResponseCreatePixPayment", body);
        return body.get("data").get(0).get("paymentId").asText();
    }

    /** The data of a cancellation the user asked for (valid against {@code PatchPixPayment}). */
    static JsonNode cancellation() {
        ObjectNode data = Json.MAPPER.createObjectNode().put("status", "CANC");
        data.putObject("cancellation").putObject("cancelledBy").putObject("document")
                .put("identification", Initiator.CPF).put("rel", "CPF");
        PaymentsSpecCheck.assertValid("PatchPixPayment", Json.MAPPER.createObjectNode().set("data", data));
        return data;
    }
}
