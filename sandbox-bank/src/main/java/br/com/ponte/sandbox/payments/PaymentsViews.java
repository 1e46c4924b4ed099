package br.com.ponte.sandbox.payments;

import br.com.ponte.sandbox.resource.WireFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** Consents and payments as the payments v4 answers show them ({@code data}, {@code links}, {@code meta}). */
final class PaymentsViews {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PaymentsViews() {
    }

    /** {@code ResponsePaymentConsent}'s {@code data}. */
    static ObjectNode consent(PaymentConsent consent) {
        ObjectNode data = NODES.objectNode()
                .put("consentId", consent.consentId())
                .put("creationDateTime", WireFormat.dateTime(consent.creationDateTime()))
                .put("expirationDateTime", WireFormat.dateTime(consent.expirationDateTime()))
                .put("statusUpdateDateTime", WireFormat.dateTime(consent.statusUpdateDateTime()))
                .put("status", consent.status().name());
        copy(consent.data(), data, "loggedUser", "businessEntity", "creditor", "payment");
        if (consent.debtorAccount() != null) {
            data.set("debtorAccount", consent.debtorAccount());
        }
        if (consent.rejection() != null) {
            data.set("rejectionReason", reason(consent.rejection()));
        }
        return data;
    }

    /** {@code ResponsePixPaymentData}. */
    static ObjectNode payment(PixPayment payment) {
        JsonNode sent = payment.data();
        ObjectNode data = NODES.objectNode()
                .put("paymentId", payment.paymentId())
                .put("endToEndId", sent.path("endToEndId").asText())
                .put("consentId", payment.consentId())
                .put("creationDateTime", WireFormat.dateTime(payment.creationDateTime()))
                .put("statusUpdateDateTime", WireFormat.dateTime(payment.statusUpdateDateTime()))
                .put("status", payment.status().name());
        if (payment.rejection() != null) {
            data.set("rejectionReason", reason(payment.rejection()));
        }
        copy(sent, data, "proxy", "ibgeTownCode", "localInstrument", "cnpjInitiator", "payment",
                "transactionIdentification", "remittanceInformation", "creditorAccount", "authorisationFlow");
        if (payment.cancellation() != null) {
            data.set("cancellation", payment.cancellation());
        }
        data.set("debtorAccount", payment.debtorAccount());
        return data;
    }

    /** An item of {@code ResponsePatchPixConsent}'s {@code data}: a payment the cancellation of its consent reached. */
    static ObjectNode cancelled(PixPayment payment) {
        return NODES.objectNode()
                .put("paymentId", payment.paymentId())
                .put("statusUpdateDateTime", WireFormat.dateTime(payment.statusUpdateDateTime()));
    }

    /** A whole answer: {@code data}, {@code links.self}, {@code meta.requestDateTime}. */
    static ObjectNode answer(JsonNode data, String self) {
        ObjectNode body = NODES.objectNode();
        body.set("data", data);
        body.putObject("links").put("self", self);
        body.putObject("meta").put("requestDateTime", WireFormat.dateTime(Instant.now()));
        return body;
    }

    private static ObjectNode reason(Reason reason) {
        return NODES.objectNode().put("code", reason.code()).put("detail", reason.detail());
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.hasNonNull(field)) {
                to.set(field, from.get(field));
            }
        }
    }
}
