package br.com.ponte.consent.whitelabel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BrandingTest {

    @Test
    void contrastIsWcagsRatio() {
        assertThat(Branding.contrast("#000000", "#ffffff")).isCloseTo(21.0, within(0.001));
        assertThat(Branding.contrast("#ffffff", "#ffffff")).isCloseTo(1.0, within(0.001));
        assertThat(Branding.contrast("#767676", "#ffffff")).isCloseTo(4.54, within(0.01));
    }

    @Test
    void textOnAPartnersColourIsWhiteOnDarkAndBlackOnLight() {
        assertThat(Branding.readableOn("#6d28d9")).isEqualTo("#ffffff");
        assertThat(Branding.readableOn("#1d4ed8")).isEqualTo("#ffffff");
        assertThat(Branding.readableOn("#facc15")).isEqualTo("#000000");
        assertThat(Branding.readableOn("#ffffff")).isEqualTo("#000000");
    }

    @Test
    void whateverTheColourTheTextOnItReachesWcagAa() {
        for (String colour : sweep()) {
            assertThat(Branding.contrast(colour, Branding.readableOn(colour))).as(colour).isGreaterThanOrEqualTo(4.5);
        }
    }

    @Test
    void aPaleBrandsFillFallsBelow3To1SoItsCuesTakeADarkerShadeOfIt() {
        for (String pale : new String[]{"#cfe8e6", "#fde68a"}) {
            assertThat(Branding.contrast(pale, Branding.PAGE)).as("the problem: %s against the page", pale).isLessThan(1.3);
            String cue = Branding.cueOf(pale);
            assertThat(cue).isNotEqualTo(pale);
            assertNonTextCuesVisible(pale);
            assertSameHue(pale, cue);
        }
    }

    @Test
    void aDarkOrMidBrandThatIsVisibleAlreadyIsItsOwnCue() {
        for (String colour : new String[]{"#1e1b4b", "#0f766e", "#6d28d9", "#1d4ed8", "#b91c1c"}) {
            assertThat(Branding.cueOf(colour)).as(colour).isEqualTo(colour);
            assertNonTextCuesVisible(colour);
        }
    }

    @Test
    void aMidBrightBrandIsDarkenedOnlyAsFarAsNeeded() {
        String amber = "#f59e0b";
        assertThat(Branding.contrast(amber, Branding.PAGE)).isLessThan(3.0);
        String cue = Branding.cueOf(amber);
        assertNonTextCuesVisible(amber);
        assertSameHue(amber, cue);
        // the lightest shade that works: one step lighter on every channel is not visible on both backgrounds
        String lighter = String.format("#%02x%02x%02x", channel(cue, 1) + 2, channel(cue, 3) + 2, Math.min(255, channel(cue, 5) + 2));
        assertThat(Branding.visibleOnBackgrounds(lighter)).as(lighter).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"#ffffff", "#f4f5f7", "#cfe8e6", "#fde68a", "#facc15", "#22c55e", "#000000"})
    void everyCueReaches3To1AgainstThePageAndTheCards(String colour) {
        assertNonTextCuesVisible(colour);
    }

    @Test
    void whateverTheColourItsCuesReach3To1AndItsTextAa() {
        for (String colour : sweep()) {
            assertNonTextCuesVisible(colour);
        }
    }

    @Test
    void theStylesheetUsesTheBackgroundsAndNeutralOutlineBrandingChecks() throws IOException {
        String css;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/resources/whitelabel/assets/whitelabel.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(property(css, "--page")).isEqualTo(Branding.PAGE);
        assertThat(property(css, "--surface")).isEqualTo(Branding.SURFACE);
        assertThat(property(css, "--control-border")).isEqualTo(Branding.CONTROL_BORDER);
        for (String background : new String[]{Branding.PAGE, Branding.SURFACE}) {
            assertThat(Branding.contrast(Branding.CONTROL_BORDER, background)).isGreaterThanOrEqualTo(3.0);
            assertThat(Branding.contrast(property(css, "--text"), background)).as("text and the focus outline").isGreaterThanOrEqualTo(4.5);
            assertThat(Branding.contrast(property(css, "--muted"), background)).as("muted text").isGreaterThanOrEqualTo(4.5);
            assertThat(Branding.contrast(property(css, "--danger"), background)).as("the danger button").isGreaterThanOrEqualTo(4.5);
        }
        assertThat(css).as("the cues are drawn in the cue colour")
                .contains(".steps li[aria-current=\"step\"] { color: var(--text); font-weight: 700; border-top-color: var(--primary-cue); }")
                .contains("border: 2px solid var(--primary-cue);")
                .contains("accent-color: var(--primary-cue);");
    }

    /** The fill keeps the brand colour with readable text; the cue (outline, step bar) reaches 3:1 on both backgrounds. */
    private static void assertNonTextCuesVisible(String colour) {
        String cue = Branding.cueOf(colour);
        assertThat(Branding.contrast(cue, Branding.PAGE)).as("cue of %s against the page", colour).isGreaterThanOrEqualTo(3.0);
        assertThat(Branding.contrast(cue, Branding.SURFACE)).as("cue of %s against the cards", colour).isGreaterThanOrEqualTo(3.0);
        assertThat(Branding.contrast(colour, Branding.readableOn(colour))).as("text on %s", colour).isGreaterThanOrEqualTo(4.5);
    }

    /** A darker shade: every channel scaled by about the same factor, so the hue is the brand's. */
    private static void assertSameHue(String colour, String cue) {
        double factor = (double) channel(cue, 3) / channel(colour, 3);
        assertThat(factor).isLessThan(1.0);
        for (int at : new int[]{1, 3, 5}) {
            assertThat((double) channel(cue, at)).as("channel %d of %s", at, cue)
                    .isCloseTo(channel(colour, at) * factor, within(2.0));
        }
    }

    private static int channel(String colour, int at) {
        return Integer.parseInt(colour.substring(at, at + 2), 16);
    }

    private static String property(String css, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + ":\\s*(#[0-9a-fA-F]{6})").matcher(css);
        assertThat(m.find()).as(name + " in the stylesheet").isTrue();
        return m.group(1);
    }

    private static java.util.List<String> sweep() {
        java.util.List<String> colours = new java.util.ArrayList<>();
        for (int v = 0; v <= 255; v++) {
            colours.add(hex(v, v, v));
            colours.add(hex(v, 255 - v, 0));
            colours.add(hex(0, v, 255));
            colours.add(hex(255, 0, v));
            colours.add(hex(255, 255, v));
            colours.add(hex(v, 255, 255));
        }
        return colours;
    }

    private static String hex(int r, int g, int b) {
        return String.format("#%02x%02x%02x", r, g, b);
    }
}
