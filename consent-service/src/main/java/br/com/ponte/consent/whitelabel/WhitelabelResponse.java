package br.com.ponte.consent.whitelabel;

import java.time.Instant;

/**
 * The whitelabel the partner's users see, every text of every product filled in (and the payment
 * texts repeated under their flat keys, see {@link WhitelabelTextsBody}); {@code updatedAt} is absent
 * while the partner has not set its own.
 */
public record WhitelabelResponse(String brandName, String logoUrl, String primaryColor, String accentColor,
                                 WhitelabelTextsBody texts, Instant updatedAt) {

    static WhitelabelResponse of(WhitelabelSettings settings) {
        return new WhitelabelResponse(settings.brandName, settings.logoUrl, settings.primaryColor, settings.accentColor,
                WhitelabelTextsBody.of(settings.effectiveTexts()), settings.updatedAt);
    }
}
