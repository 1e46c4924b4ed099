package br.com.ponte.consent.whitelabel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code texts} of {@code PUT}/{@code GET /v1/whitelabel}: one object per product ({@code payment},
 * {@code sharing}, {@code dashboard}), and, for the partners that set the payment texts before there
 * were products, the payment texts' flat keys ({@code title}, {@code approvedTitle}, …) beside them.
 * <ul>
 *   <li>PUT: a flat key sets the payment text of that name, as {@code payment.<key>} does; sending both
 *   is fine when they agree (a GET's answer sent back), a 422 when they differ.</li>
 *   <li>GET: every text of every product filled in, and the flat keys repeat {@code payment}'s, so a
 *   reader of {@code texts.title} keeps working.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
@Schema(name = "WhitelabelTexts", description = "The texts by product: payment, sharing, dashboard. The flat keys (title, "
        + "chooseBankIntro, …) are the payment texts' former spelling: accepted on PUT as payment's (a 422 when they "
        + "differ from payment's), and repeated on GET.")
public record WhitelabelTextsBody(
        PaymentTexts payment,
        SharingTexts sharing,
        DashboardTexts dashboard,
        @Schema(deprecated = true, description = "payment.title", maxLength = TextRecords.SHORT) String title,
        @Schema(deprecated = true, description = "payment.chooseBankIntro", maxLength = TextRecords.LONG) String chooseBankIntro,
        @Schema(deprecated = true, description = "payment.reviewIntro", maxLength = TextRecords.LONG) String reviewIntro,
        @Schema(deprecated = true, description = "payment.goToBankButton", maxLength = TextRecords.SHORT) String goToBankButton,
        @Schema(deprecated = true, description = "payment.returnButton", maxLength = TextRecords.SHORT) String returnButton,
        @Schema(deprecated = true, description = "payment.approvedTitle", maxLength = TextRecords.SHORT) String approvedTitle,
        @Schema(deprecated = true, description = "payment.approvedMessage", maxLength = TextRecords.LONG) String approvedMessage,
        @Schema(deprecated = true, description = "payment.rejectedTitle", maxLength = TextRecords.SHORT) String rejectedTitle,
        @Schema(deprecated = true, description = "payment.rejectedMessage", maxLength = TextRecords.LONG) String rejectedMessage) {

    /** The texts as the screens use them, the payment texts repeated under their flat keys. */
    static WhitelabelTextsBody of(WhitelabelTexts texts) {
        PaymentTexts p = texts.payment();
        return new WhitelabelTextsBody(p, texts.sharing(), texts.dashboard(), p.title(), p.chooseBankIntro(),
                p.reviewIntro(), p.goToBankButton(), p.returnButton(), p.approvedTitle(), p.approvedMessage(),
                p.rejectedTitle(), p.rejectedMessage());
    }

    /** The flat keys, as the payment texts they stand for (null for those not sent). */
    @JsonIgnore
    PaymentTexts flatPayment() {
        return new PaymentTexts(title, chooseBankIntro, reviewIntro, goToBankButton, returnButton, approvedTitle,
                approvedMessage, rejectedTitle, rejectedMessage);
    }

    /**
     * The texts these set, by product: a flat key fills the payment text of its name where
     * {@code payment} leaves it out (the validator refuses the two when they differ).
     */
    WhitelabelTexts toTexts() {
        Map<String, String> flat = TextRecords.values(flatPayment());
        Map<String, String> merged = new LinkedHashMap<>(flat);
        TextRecords.values(payment).forEach((name, value) -> {
            if (value != null) {
                merged.put(name, value);
            }
        });
        boolean anyPayment = merged.values().stream().anyMatch(v -> v != null);
        return new WhitelabelTexts(anyPayment ? TextRecords.of(PaymentTexts.class, merged) : null, sharing, dashboard);
    }
}
