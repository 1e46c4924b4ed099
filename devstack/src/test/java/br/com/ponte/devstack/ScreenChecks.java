package br.com.ponte.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the browser tests check on each of Ponte's screens, in the page as Chromium shows it:
 * accessibility with axe-core (WCAG 2.1 A and AA rules), the Content-Security-Policy refusals the
 * browser logged, visible keyboard focus, and WCAG contrast computed from the colours the browser
 * computed.
 *
 * <p>axe-core's script comes from the test classpath ({@code com.deque.html.axe-core:selenium}
 * ships the current {@code axe.min.js}; nothing else of that artifact is used) and is injected with
 * {@code executeScript}: ChromeDriver evaluates it through the DevTools protocol, which the page's
 * Content-Security-Policy does not govern, so the screens' policy stays exactly as sent — and any
 * refusal it causes would show in {@link #assertNoContentSecurityViolations}.
 */
final class ScreenChecks {

    /** axe-core's tags for WCAG 2.0 and 2.1, levels A and AA. */
    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    static final String AXE = readAxe();
    static final String AXE_VERSION = axeVersion(AXE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RGB = Pattern.compile("rgba?\\(\\s*([\\d.]+)[\\s,]+([\\d.]+)[\\s,]+([\\d.]+)(?:\\s*[,/]\\s*([\\d.]+%?))?\\s*\\)");

    private ScreenChecks() {
    }

    /**
     * Runs axe-core on the page as it is now with the WCAG 2.1 A/AA rules; fails listing every
     * violation (rule, impact, help, and each element with what to fix) when there is any.
     */
    static void assertAccessible(ChromeDriver browser, String screen) {
        if (!(Boolean) browser.executeScript("return typeof window.axe === 'object'")) {
            browser.executeScript(AXE);
        }
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        String answer = (String) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                    .then(results => done(JSON.stringify({url: results.url, violations: results.violations.map(v => ({
                        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                        nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html, summary: n.failureSummary}))}))})),
                          error => done(JSON.stringify({error: String(error && error.stack || error)})));
                """, WCAG_21_AA);
        JsonNode result;
        try {
            result = JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (result.has("error")) {
            fail(screen + ": axe-core could not run: " + result.path("error").asText());
        }
        JsonNode violations = result.path("violations");
        if (!violations.isEmpty()) {
            StringBuilder report = new StringBuilder(screen + " (" + result.path("url").asText() + "): "
                    + violations.size() + " accessibility violation(s), axe-core " + AXE_VERSION + ", WCAG 2.1 A/AA:");
            for (JsonNode violation : violations) {
                report.append("\n- ").append(violation.path("id").asText()).append(" (").append(violation.path("impact").asText())
                        .append("): ").append(violation.path("help").asText()).append(" <").append(violation.path("helpUrl").asText())
                        .append('>');
                for (JsonNode node : violation.path("nodes")) {
                    report.append("\n    at ").append(node.path("target").asText()).append(": ").append(node.path("html").asText())
                            .append("\n      ").append(node.path("summary").asText().replace("\n", "\n      "));
                }
            }
            fail(report.toString());
        }
    }

    /** No page since the last call had anything refused by its Content-Security-Policy (the browser logs each refusal). */
    static void assertNoContentSecurityViolations(ChromeDriver browser, String screen) {
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                .as(screen + ": the browser refused nothing under the Content-Security-Policy")
                .noneMatch(message -> message.contains("Content Security Policy"));
    }

    /** The page so far checked as a whole: accessible, and nothing refused by its policy. */
    static void assertScreen(ChromeDriver browser, String screen) {
        assertAccessible(browser, screen);
        assertNoContentSecurityViolations(browser, screen);
    }

    // ---- the keyboard ----

    /** Presses keys on whatever has the focus, as a keyboard would. */
    static void press(ChromeDriver browser, CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    /**
     * Presses TAB until the focused element matches {@code selector} (within 40 presses), asserting at
     * every stop on the way that the focus is visible.
     */
    static void tabTo(ChromeDriver browser, String selector) {
        for (int i = 0; i < 40; i++) {
            press(browser, Keys.TAB);
            assertFocusVisible(browser);
            if ((Boolean) browser.executeScript("return document.activeElement.matches(arguments[0])", selector)) {
                return;
            }
        }
        fail("40 TAB presses never reached " + selector + " on " + browser.getCurrentUrl());
    }

    /** The focused element shows it: an outline (not none, wider than 0) or a box shadow. */
    static void assertFocusVisible(ChromeDriver browser) {
        @SuppressWarnings("unchecked")
        Map<String, Object> focus = (Map<String, Object>) browser.executeScript("""
                const element = document.activeElement;
                const style = getComputedStyle(element);
                return {element: element === document.body ? 'body' : element.outerHTML.slice(0, 160),
                        outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth, boxShadow: style.boxShadow};
                """);
        assertThat((String) focus.get("element")).as("something has the focus").isNotEqualTo("body");
        boolean outlined = !"none".equals(focus.get("outlineStyle")) && px((String) focus.get("outlineWidth")) > 0;
        boolean shadowed = !"none".equals(focus.get("boxShadow"));
        assertThat(outlined || shadowed).as("the focus is visible on " + focus).isTrue();
    }

    // ---- contrast (WCAG 2.1, 1.4.3 and 1.4.11) ----

    /** An sRGB colour as the browser computes it, alpha 0..1. */
    record Colour(double r, double g, double b, double alpha) {

        static Colour parse(String css) {
            Matcher m = RGB.matcher(css);
            if (!m.find()) {
                throw new IllegalArgumentException("not an rgb() colour: " + css);
            }
            double alpha = 1;
            if (m.group(4) != null) {
                alpha = m.group(4).endsWith("%") ? Double.parseDouble(m.group(4).replace("%", "")) / 100
                        : Double.parseDouble(m.group(4));
            }
            return new Colour(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), alpha);
        }

        /** This colour drawn over {@code below} (opaque). */
        Colour over(Colour below) {
            return new Colour(r * alpha + below.r * (1 - alpha), g * alpha + below.g * (1 - alpha),
                    b * alpha + below.b * (1 - alpha), 1);
        }

        double luminance() {
            return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
        }

        private static double channel(double value) {
            double c = value / 255;
            return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(r), Math.round(g), Math.round(b));
        }
    }

    /** WCAG's contrast ratio of two opaque colours, 1 to 21. */
    static double contrast(Colour a, Colour b) {
        double la = a.luminance();
        double lb = b.luminance();
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** The colours the browser computed for the first element matching {@code selector}, and the opaque colour behind it. */
    record Drawn(String selector, Colour fill, Colour text, Colour border, double borderWidth, String borderStyle, Colour behind) {

        /** The fill as seen (over what is behind it). */
        Colour seenFill() {
            return fill.over(behind);
        }

        /** What shows where the element ends against the page: its border, when drawn, else its fill. */
        double boundaryContrast() {
            double fillContrast = contrast(seenFill(), behind);
            boolean bordered = borderWidth > 0 && !"none".equals(borderStyle) && !"hidden".equals(borderStyle);
            return bordered ? Math.max(contrast(border.over(behind), behind), fillContrast) : fillContrast;
        }

        double textContrast() {
            return contrast(text.over(seenFill()), seenFill());
        }
    }

    static Drawn drawn(ChromeDriver browser, String selector, String borderSide) {
        @SuppressWarnings("unchecked")
        Map<String, Object> style = (Map<String, Object>) browser.executeScript("""
                const element = document.querySelector(arguments[0]);
                if (element === null) return null;
                const style = getComputedStyle(element);
                const side = arguments[1];
                let behind = 'rgb(255, 255, 255)';
                for (let node = element.parentElement; node !== null; node = node.parentElement) {
                    const colour = getComputedStyle(node).backgroundColor;
                    const parts = colour.match(/[\\d.]+/g) || [];
                    if (parts.length < 4 || Number(parts[3]) > 0) { behind = colour; break; }
                }
                return {fill: style.backgroundColor, text: style.color, border: style['border' + side + 'Color'],
                        borderWidth: style['border' + side + 'Width'], borderStyle: style['border' + side + 'Style'], behind: behind};
                """, selector, borderSide);
        assertThat(style).as(selector + " is on " + browser.getCurrentUrl()).isNotNull();
        Colour behind = Colour.parse((String) style.get("behind"));
        assertThat(behind.alpha()).as("the page behind " + selector + " is opaque").isEqualTo(1.0);
        return new Drawn(selector, Colour.parse((String) style.get("fill")), Colour.parse((String) style.get("text")),
                Colour.parse((String) style.get("border")), px((String) style.get("borderWidth")), (String) style.get("borderStyle"),
                behind);
    }

    private static double px(String length) {
        return length == null || length.isBlank() ? 0 : Double.parseDouble(length.replace("px", "").trim());
    }

    // ---- screenshots ----

    /** The whole page as a phone {@code width} wide shows it, scrolled through, as {@code <dir>/<name>.png}. */
    static void screenshot(ChromeDriver browser, Path dir, String name, int width, int minHeight) {
        Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        double height = Math.max(minHeight, ((Number) content.get("height")).doubleValue());
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.write(dir.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAxe() {
        try (InputStream in = ScreenChecks.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axeVersion(String script) {
        Matcher version = Pattern.compile("axe v([\\d.]+)").matcher(script.substring(0, Math.min(200, script.length())));
        return version.find() ? version.group(1) : "?";
    }
}
