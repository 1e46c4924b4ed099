package br.com.ponte.consent.whitelabel;

/**
 * A partner's whitelabel as the screens apply it. The partner's colours are used as backgrounds
 * only, each with the text colour (black or white) that contrasts more with it: whatever the
 * colours, text on them reaches WCAG AA (4.5:1; the better of black and white always gives at
 * least 4.58:1).
 */
public record Branding(String brandName, String logoUrl, String primary, String onPrimary, String accent,
                       String onAccent, WhitelabelTexts texts) {

    static Branding of(WhitelabelSettings settings) {
        return new Branding(settings.brandName, settings.logoUrl, settings.primaryColor, readableOn(settings.primaryColor),
                settings.accentColor, readableOn(settings.accentColor), settings.effectiveTexts());
    }

    /** {@code #000000} or {@code #ffffff}, whichever contrasts more with {@code background} ({@code #rrggbb}). */
    static String readableOn(String background) {
        return contrast(background, "#ffffff") >= contrast(background, "#000000") ? "#ffffff" : "#000000";
    }

    /** WCAG 2 contrast ratio of two {@code #rrggbb} colours, from 1 to 21. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String color) {
        return 0.2126 * channel(color, 1) + 0.7152 * channel(color, 3) + 0.0722 * channel(color, 5);
    }

    private static double channel(String color, int at) {
        double c = Integer.parseInt(color.substring(at, at + 2), 16) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
