package br.com.ponte.consent.whitelabel;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The texts of the payment screens; each one left out takes its Portuguese default. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
@Schema(description = "Texts of the payment screens; each one left out takes its Portuguese default. Titles and buttons "
        + "at most " + TextRecords.SHORT + " characters, the others at most " + TextRecords.LONG)
public record PaymentTexts(
        @Schema(description = "Headline of the bank choice", maxLength = TextRecords.SHORT) String title,
        @Schema(description = "Below the headline: what choosing a bank means", maxLength = TextRecords.LONG)
        String chooseBankIntro,
        @Schema(description = "Above the payment's summary on the review screen", maxLength = TextRecords.LONG)
        String reviewIntro,
        @Schema(description = "The button that takes the user to the bank", maxLength = TextRecords.SHORT)
        String goToBankButton,
        @Schema(description = "The result screen's link back to the partner", maxLength = TextRecords.SHORT)
        String returnButton,
        @Schema(maxLength = TextRecords.SHORT) String approvedTitle,
        @Schema(maxLength = TextRecords.LONG) String approvedMessage,
        @Schema(maxLength = TextRecords.SHORT) String rejectedTitle,
        @Schema(maxLength = TextRecords.LONG) String rejectedMessage) {

    public static final PaymentTexts DEFAULTS = new PaymentTexts(
            "Pagar com Pix pelo seu banco",
            "Escolha o banco de onde sai o pagamento. Você confirma no ambiente seguro do próprio banco.",
            "Confira os dados do pagamento antes de seguir para o banco.",
            "Ir para o banco",
            "Concluir",
            "Pagamento autorizado",
            "Seu banco confirmou a autorização do pagamento.",
            "Pagamento não autorizado",
            "O pagamento não foi autorizado no banco e nenhum valor foi debitado.");
}
