package br.com.ponte.consent.whitelabel;

/**
 * A partner's whitelabel as the screens apply it. The partner's colours are used as backgrounds
 * under the text colour (black or white) that contrasts more with them: whatever the colours, text
 * on them reaches WCAG AA (4.5:1; the better of black and white always gives at least 4.58:1).
 * <p>
 * A pale brand colour as a button's fill or as the current step's bar would be lost against the
 * page (WCAG 1.4.11 asks 3:1 for the cues that identify a control or a state). So every such cue is
 * drawn in {@link #primaryCue}: the brand colour itself when it reaches 3:1 against the page and the
 * cards, otherwise the lightest darker shade of it that does (its channels scaled down, so the hue
 * stays the brand's). A pale brand keeps its fill, outlined in its own darker shade.
 */
public record Branding(String brandName, String logoUrl, String primary, String onPrimary, String primaryCue,
                       String accent, String onAccent, WhitelabelTexts texts) {

    /** The page's background ({@code --page} in whitelabel.css). */
    public static final String PAGE = "#f4f5f7";
    /** The cards' background ({@code --surface}). */
    public static final String SURFACE = "#ffffff";
    /** The outline of the neutral controls: secondary buttons, the bank and institution choices ({@code --control-border}). */
    public static final String CONTROL_BORDER = "#6b7280";
    /** WCAG 1.4.11: a cue that identifies a control or its state against what is next to it. */
    public static final double NON_TEXT_CONTRAST = 3.0;

    public static Branding of(WhitelabelSettings settings) {
        return new Branding(settings.brandName, settings.logoUrl, settings.primaryColor, readableOn(settings.primaryColor),
                cueOf(settings.primaryColor), settings.accentColor, readableOn(settings.accentColor),
                settings.effectiveTexts());
    }

    /** {@code #000000} or {@code #ffffff}, whichever contrasts more with {@code background} ({@code #rrggbb}). */
    static String readableOn(String background) {
        return contrast(background, "#ffffff") >= contrast(background, "#000000") ? "#ffffff" : "#000000";
    }

    /**
     * {@code colour} when it reaches {@value #NON_TEXT_CONTRAST}:1 against both the page and the cards,
     * otherwise the lightest shade of it (each channel scaled by the same factor) that does. Black
     * reaches 18.9:1 against the page, so there always is one.
     */
    public static String cueOf(String colour) {
        if (visibleOnBackgrounds(colour)) {
            return colour;
        }
        int dark = 0;      // scale (in thousandths) known to be visible: black
        int light = 1000;  // scale known not to be
        while (light - dark > 1) {
            int middle = (dark + light) / 2;
            if (visibleOnBackgrounds(scaled(colour, middle))) {
                dark = middle;
            } else {
                light = middle;
            }
        }
        return scaled(colour, dark);
    }

    /** Whether a cue in {@code colour} stands out from both backgrounds it is drawn on. */
    static boolean visibleOnBackgrounds(String colour) {
        return contrast(colour, PAGE) >= NON_TEXT_CONTRAST && contrast(colour, SURFACE) >= NON_TEXT_CONTRAST;
    }

    private static String scaled(String colour, int thousandths) {
        int r = Integer.parseInt(colour.substring(1, 3), 16) * thousandths / 1000;
        int g = Integer.parseInt(colour.substring(3, 5), 16) * thousandths / 1000;
        int b = Integer.parseInt(colour.substring(5, 7), 16) * thousandths / 1000;
        return String.format("#%02x%02x%02x", r, g, b);
    }

    /** WCAG 2 contrast ratio of two {@code #rrggbb} colours, from 1 to 21. */
    public static double contrast(String a, String b) {
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
