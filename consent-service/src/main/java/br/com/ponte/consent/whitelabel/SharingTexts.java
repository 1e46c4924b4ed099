package br.com.ponte.consent.whitelabel;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The texts of the data-sharing journey's screens; each one left out takes its Portuguese default. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
@Schema(description = "Texts of the data-sharing screens; each one left out takes its Portuguese default. Titles and "
        + "buttons at most " + TextRecords.SHORT + " characters, the others at most " + TextRecords.LONG)
public record SharingTexts(
        @Schema(description = "Headline of the consent screen", maxLength = TextRecords.SHORT) String consentTitle,
        @Schema(description = "Below it: what the user is confirming", maxLength = TextRecords.LONG) String consentIntro,
        @Schema(description = "The consent screen's button", maxLength = TextRecords.SHORT) String continueButton,
        @Schema(description = "Headline of the institution choice", maxLength = TextRecords.SHORT) String institutionsTitle,
        @Schema(description = "Below it", maxLength = TextRecords.LONG) String institutionsIntro,
        @Schema(description = "Headline of the screen that takes the user to the institution", maxLength = TextRecords.SHORT)
        String redirectTitle,
        @Schema(description = "Below it", maxLength = TextRecords.LONG) String redirectMessage,
        @Schema(description = "Result: the institution authorised the sharing", maxLength = TextRecords.SHORT)
        String approvedTitle,
        @Schema(maxLength = TextRecords.LONG) String approvedMessage,
        @Schema(description = "Result: authorised, some data waiting for other approvers", maxLength = TextRecords.SHORT)
        String pendingTitle,
        @Schema(maxLength = TextRecords.LONG) String pendingMessage,
        @Schema(description = "Result: not authorised", maxLength = TextRecords.SHORT) String rejectedTitle,
        @Schema(maxLength = TextRecords.LONG) String rejectedMessage,
        @Schema(description = "Result: back to the institution choice", maxLength = TextRecords.SHORT)
        String addInstitutionButton,
        @Schema(description = "Result: end the session and go back to the partner", maxLength = TextRecords.SHORT)
        String finishButton) {

    public static final SharingTexts DEFAULTS = new SharingTexts(
            "Confirme o compartilhamento de dados",
            "Confira quem pede os dados, para quê, quais dados e por quanto tempo. Nada é compartilhado antes da sua "
                    + "confirmação na instituição.",
            "Continuar",
            "Escolha a instituição",
            "Escolha onde estão os seus dados. Você confirma o compartilhamento no ambiente seguro da instituição e pode "
                    + "voltar para adicionar outras.",
            "Redirecionando para a instituição",
            "Confirme o compartilhamento no ambiente seguro da instituição. Sua senha não passa por aqui.",
            "Compartilhamento autorizado",
            "A instituição confirmou o compartilhamento dos seus dados.",
            "Aguardando outras aprovações",
            "A instituição precisa da aprovação de outras pessoas (outros titulares da conta ou representantes da "
                    + "empresa) para compartilhar alguns dados.",
            "Compartilhamento não autorizado",
            "Nenhum dado desta instituição foi compartilhado.",
            "Adicionar outra instituição",
            "Concluir");
}
