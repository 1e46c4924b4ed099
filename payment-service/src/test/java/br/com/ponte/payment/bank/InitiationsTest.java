package br.com.ponte.payment.bank;

import br.com.ponte.kit.internal.ConsentGrants;
import br.com.ponte.payment.domain.PixPayment;
import br.com.ponte.payment.domain.PixStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class InitiationsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The end-to-end id pattern of the payments API (E + ISPB + yyyyMMddHHmm + 11 alphanumerics). */
    static final String E2E = "^E[0-9]{8}[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(2[0-3]|[01][0-9])[0-5][0-9][a-zA-Z0-9]{11}$";

    @Test
    void aPaymentRepeatsWhatTheConsentSaysAndAddsWhatThePartnerSays() throws Exception {
        JsonNode consent = JSON.readTree("""
                {"loggedUser":{"document":{"identification":"11144477735","rel":"CPF"}},
                 "payment":{"type":"PIX","date":"2026-11-22","currency":"BRL","amount":"10.50",
                  "details":{"localInstrument":"DICT","proxy":"maria@example.com",
                   "creditorAccount":{"ispb":"99999004","issuer":"0001","number":"1234567","accountType":"CACC"}}}}""");
        ConsentGrants.ConsentGrant grant = new ConsentGrants.ConsentGrant(UUID.randomUUID().toString(), "PAYMENT", "partner-1",
                "bank-as", "urn:bank:abc", "AUTHORISED", null, "token", consent, null);

        PixPayment payment = Initiations.build(grant, new Initiations.Instruction("11222333000181", "Pedido 42", null, null));
        JsonNode data = JSON.readTree(payment.request);

        assertThat(data.path("payment").path("amount").asText()).isEqualTo("10.50");
        assertThat(data.path("payment").path("currency").asText()).isEqualTo("BRL");
        assertThat(data.path("localInstrument").asText()).isEqualTo("DICT");
        assertThat(data.path("proxy").asText()).isEqualTo("maria@example.com");
        assertThat(data.path("creditorAccount")).isEqualTo(consent.path("payment").path("details").path("creditorAccount"));
        assertThat(data.path("cnpjInitiator").asText()).isEqualTo("11222333000181");
        assertThat(data.path("remittanceInformation").asText()).isEqualTo("Pedido 42");
        assertThat(data.path("consentId").asText()).isEqualTo("urn:bank:abc");
        assertThat(data.has("qrCode")).isFalse();
        assertThat(payment.endToEndId).matches(E2E).startsWith("E11222333");
        assertThat(payment.initiation).isEqualTo(PixPayment.SENDING);
        assertThat(payment.status).isNull();
    }

    @Test
    void aScheduledPaymentsEndToEndIdCarriesItsDateAtFifteenUtc() {
        String id = Initiations.endToEndId("11222333000181", LocalDate.parse("2027-01-15"));
        assertThat(id).matches(E2E).startsWith("E11222333202701151500");
    }

    @Test
    void aFinalStatusNeverChangesAgainAndARejectionKeepsItsReason() {
        PixPayment payment = new PixPayment();
        payment.id = UUID.randomUUID();
        assertThat(payment.moveTo(PixStatus.RCVD, null, null, java.time.Instant.now())).isNull();
        assertThat(payment.moveTo(PixStatus.RCVD, null, null, java.time.Instant.now())).isNull();
        assertThat(payment.moveTo(PixStatus.RJCT, "SALDO_INSUFICIENTE", "sem saldo", java.time.Instant.now())).isEqualTo(PixStatus.RCVD);
        assertThat(payment.rejectionCode).isEqualTo("SALDO_INSUFICIENTE");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> payment.moveTo(PixStatus.ACSC, null, null, java.time.Instant.now()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTransmittersReportGivesTheRejectionOrTheCancellationReason() throws Exception {
        assertThat(PaymentReport.of(JSON.readTree("{\"status\":\"RJCT\",\"rejectionReason\":{\"code\":\"SALDO_INSUFICIENTE\",\"detail\":\"x\"}}")))
                .isEqualTo(new PaymentReport(PixStatus.RJCT, "SALDO_INSUFICIENTE", "x"));
        assertThat(PaymentReport.of(JSON.readTree("{\"status\":\"CANC\",\"cancellation\":{\"reason\":\"CANCELADO_PENDENCIA\"}}")))
                .isEqualTo(new PaymentReport(PixStatus.CANC, "CANCELADO_PENDENCIA", null));
        assertThat(PaymentReport.of(JSON.readTree("{\"status\":\"ACSC\"}"))).isEqualTo(new PaymentReport(PixStatus.ACSC, null, null));
    }
}
