package br.com.ponte.consent.whitelabel;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PUT /v1/whitelabel}: the partner's whole whitelabel; what is left out takes the default. */
public record WhitelabelRequest(
        @Schema(required = true, maxLength = WhitelabelValidator.BRAND_NAME_MAX, example = "Loja Exemplo",
                description = "Shown in the header of every screen")
        String brandName,
        @Schema(example = "https://loja.example/logo.svg",
                description = "Absolute https URL of the logo (http only on localhost or 127.0.0.1, for development); "
                        + "left out, the header shows the brand name alone")
        String logoUrl,
        @Schema(pattern = "^#[0-9a-fA-F]{6}$", example = "#6d28d9",
                description = "Header and main buttons; their text is black or white, whichever contrasts more. The cues "
                        + "that identify a control or a state (the button's outline, the current step) take a darker "
                        + "shade of it when it is too pale to reach 3:1 against the page")
        String primaryColor,
        @Schema(pattern = "^#[0-9a-fA-F]{6}$", example = "#f59e0b",
                description = "Highlights: the header's stripe, the focus ring, the chosen bank")
        String accentColor,
        WhitelabelTextsBody texts) {
}
