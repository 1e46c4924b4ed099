package br.com.ponte.consent.whitelabel;

import org.junit.jupiter.api.Test;

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
        for (int grey = 0; grey <= 255; grey++) {
            for (String colour : new String[]{hex(grey, grey, grey), hex(grey, 255 - grey, 0), hex(0, grey, 255), hex(255, 0, grey)}) {
                assertThat(Branding.contrast(colour, Branding.readableOn(colour))).as(colour).isGreaterThanOrEqualTo(4.5);
            }
        }
    }

    private static String hex(int r, int g, int b) {
        return String.format("#%02x%02x%02x", r, g, b);
    }
}
