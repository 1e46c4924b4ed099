package br.com.ponte.consent.whitelabel;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The texts of the "Meus compartilhamentos" dashboard; each one left out takes its Portuguese default. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
@Schema(description = "Texts of the dashboard; each one left out takes its Portuguese default. Titles and buttons at "
        + "most " + TextRecords.SHORT + " characters, the others at most " + TextRecords.LONG)
public record DashboardTexts(
        @Schema(description = "Headline of the list", maxLength = TextRecords.SHORT) String title,
        @Schema(description = "Below it", maxLength = TextRecords.LONG) String intro,
        @Schema(description = "Ends an authorised sharing (and confirms it)", maxLength = TextRecords.SHORT) String revokeButton,
        @Schema(description = "Renews a sharing", maxLength = TextRecords.SHORT) String renewButton,
        @Schema(description = "Cancels a request still waiting for the user's authorisation", maxLength = TextRecords.SHORT)
        String cancelRequestButton,
        @Schema(description = "On the revocation's confirmation: what the partner does with the data it received before",
                maxLength = TextRecords.LONG) String retentionPolicy,
        @Schema(description = "When a link was used or expired: where the user gets a new one", maxLength = TextRecords.LONG)
        String newLinkMessage) {

    public static final DashboardTexts DEFAULTS = new DashboardTexts(
            "Meus compartilhamentos",
            "Os dados que você compartilha pelo Open Finance. Você pode ver os detalhes, renovar ou encerrar cada "
                    + "compartilhamento a qualquer momento.",
            "Encerrar compartilhamento",
            "Renovar compartilhamento",
            "Cancelar pedido",
            "Os dados recebidos antes do encerramento continuam sob a nossa política de privacidade.",
            "Abra de novo \"Meus compartilhamentos\" no aplicativo ou site onde você estava para receber um novo link.");
}
