package br.com.ponte.consent.whitelabel;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The texts of the whitelabel screens, by product: the payment screens, the data-sharing journey and
 * the dashboard. As stored, only what the partner set (a product or a text left out is null); as the
 * screens use it, {@link #orDefaults()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record WhitelabelTexts(PaymentTexts payment, SharingTexts sharing, DashboardTexts dashboard) {

    public static final WhitelabelTexts DEFAULTS = new WhitelabelTexts(PaymentTexts.DEFAULTS, SharingTexts.DEFAULTS,
            DashboardTexts.DEFAULTS);

    /** Every text filled in: the partner's, and the Portuguese defaults for the rest. */
    public WhitelabelTexts orDefaults() {
        return new WhitelabelTexts(TextRecords.withDefaults(payment, PaymentTexts.DEFAULTS),
                TextRecords.withDefaults(sharing, SharingTexts.DEFAULTS),
                TextRecords.withDefaults(dashboard, DashboardTexts.DEFAULTS));
    }
}
