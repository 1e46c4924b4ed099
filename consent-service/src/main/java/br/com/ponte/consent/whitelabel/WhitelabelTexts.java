package br.com.ponte.consent.whitelabel;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The texts of the whitelabel payment screens. A field a partner leaves out (null) takes the
 * Portuguese default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Texts of the screens; each one left out takes its Portuguese default. Titles and buttons at most "
        + WhitelabelTexts.SHORT + " characters, the others at most " + WhitelabelTexts.LONG)
public record WhitelabelTexts(
        @Schema(description = "Headline of the bank choice") String title,
        @Schema(description = "Below the headline: what choosing a bank means") String chooseBankIntro,
        @Schema(description = "Above the payment's summary on the review screen") String reviewIntro,
        @Schema(description = "The button that takes the user to the bank") String goToBankButton,
        @Schema(description = "The result screen's link back to the partner") String returnButton,
        String approvedTitle,
        String approvedMessage,
        String rejectedTitle,
        String rejectedMessage) {

    /** Longest title or button label. */
    public static final int SHORT = 80;
    /** Longest introduction or message. */
    public static final int LONG = 300;

    public static final WhitelabelTexts DEFAULTS = new WhitelabelTexts(
            "Pagar com Pix pelo seu banco",
            "Escolha o banco de onde sai o pagamento. Você confirma no ambiente seguro do próprio banco.",
            "Confira os dados do pagamento antes de seguir para o banco.",
            "Ir para o banco",
            "Concluir",
            "Pagamento autorizado",
            "Seu banco confirmou a autorização do pagamento.",
            "Pagamento não autorizado",
            "O pagamento não foi autorizado no banco e nenhum valor foi debitado.");

    /** These texts, each one left out taken from {@link #DEFAULTS}. */
    public WhitelabelTexts orDefaults() {
        return new WhitelabelTexts(or(title, DEFAULTS.title), or(chooseBankIntro, DEFAULTS.chooseBankIntro),
                or(reviewIntro, DEFAULTS.reviewIntro), or(goToBankButton, DEFAULTS.goToBankButton),
                or(returnButton, DEFAULTS.returnButton), or(approvedTitle, DEFAULTS.approvedTitle),
                or(approvedMessage, DEFAULTS.approvedMessage), or(rejectedTitle, DEFAULTS.rejectedTitle),
                or(rejectedMessage, DEFAULTS.rejectedMessage));
    }

    private static String or(String given, String fallback) {
        return given == null ? fallback : given;
    }
}
