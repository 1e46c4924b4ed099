package br.com.ponte.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whitelabel track through the whole platform, in a real browser on a phone-sized screen
 * (headless Chromium, 375×667): a partner set up with its brand (logo served from this machine,
 * its colours and texts) creates a payment intent (call 1) and sends the user to its url (call 2);
 * the user chooses sandbox-bank on Ponte's screens, reviews the payment, goes to the bank, types
 * the CPF and answers there, and comes back through Ponte's callback to the result page in the
 * partner's brand; the partner reads the outcome (call 3). Each screen is saved as a screenshot
 * under {@code target/whitelabel-screens/}; on each of Ponte's screens axe-core finds no WCAG 2.1 A/AA
 * violation ({@link ScreenChecks}). Chromium and ChromeDriver must be installed
 * ({@code scripts/install-browser}); without them the test fails.
 */
@ExtendWith(DefaultPlatform.class)
class WhitelabelIT {

    static final Path ROOT = Path.of(System.getProperty("ponte.root", "..")).toAbsolutePath().normalize();
    static final Path SCREENSHOTS = ROOT.resolve("devstack/target/whitelabel-screens");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int WIDTH = 375;
    static final int HEIGHT = 667;

    static final String BRAND = "Loja Aurora";
    static final String PRIMARY = "#0f766e";
    static final String PRIMARY_RGB = "rgba(15, 118, 110, 1)";
    static final String TITLE = "Pague a Loja Aurora com Pix";
    static final String APPROVED = "Pagamento aprovado na Aurora!";
    static final String RETURN_BUTTON = "Voltar para a Loja Aurora";
    static final String PARTNER_RETURN = "https://partner.example/return";
    static final String LOGO = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="36" r="18" fill="#f97316"/>\
            <rect x="6" y="38" width="52" height="20" fill="#0f766e"/></svg>""";

    static Devstack stack;
    static TestPartner partner;
    static HttpServer logoHost;
    static ChromeDriver browser;

    @BeforeAll
    static void startPlatformPartnerAndBrowser() throws Exception {
        for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(executable)) {
                fail(executable + " is missing: WhitelabelIT drives Chromium through ChromeDriver. "
                        + "Install both with scripts/install-browser.");
            }
        }
        stack = DefaultPlatform.stack();
        partner = TestPartner.onboard(stack, DefaultPlatform.dataDir(), BRAND);

        // the partner's logo, served from this machine (http is accepted on loopback only)
        logoHost = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        logoHost.createContext("/logo.svg", exchange -> {
            byte[] svg = LOGO.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "image/svg+xml");
            exchange.sendResponseHeaders(200, svg.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(svg);
            }
        });
        logoHost.start();
        partner.send("PUT", consentService() + "/v1/whitelabel", Map.of("brandName", BRAND,
                "logoUrl", "http://127.0.0.1:" + logoHost.getAddress().getPort() + "/logo.svg",
                "primaryColor", PRIMARY, "accentColor", "#f97316",
                "texts", Map.of("title", TITLE, "approvedTitle", APPROVED, "returnButton", RETURN_BUTTON)), 200);

        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // sandbox-bank's certificate is issued by the development CA, which this browser does not know
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--ignore-certificate-errors",
                "--lang=pt-BR");
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                Map.of("width", WIDTH, "height", HEIGHT, "pixelRatio", 2.0)));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (logoHost != null) {
            logoHost.stop(0);
        }
    }

    @Test
    void theUserPaysThroughPontesScreensInThePartnersBrandAndThePartnerReadsTheConsentAuthorised() throws Exception {
        JsonNode intent = partner.send("POST", consentService() + "/v1/payment-intents", intentRequest("1234.56"), 201);
        assertThat(intent.path("status").asText()).isEqualTo("AWAITING_BANK_CHOICE");
        String url = intent.path("url").asText();
        assertThat(url).isEqualTo(consentService() + "/whitelabel/payments/" + intent.path("id").asText());

        // call 2: the partner sends the user to the url; the bank choice, in the partner's brand
        browser.get(url);
        screenshot("1-choose-bank");
        assertThat(viewportWidth()).isEqualTo(WIDTH);
        assertThat(browser.getTitle()).contains(BRAND);
        assertBranded();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(TITLE);
        assertThat(text(By.cssSelector(".payment-line"))).contains("R$ 1.234,56", "Padaria Pao Quente");
        assertThat(imageLoaded(".brand-logo")).as("the partner's logo is shown").isTrue();
        WebElement bank = browser.findElement(By.xpath("//a[contains(@class,'bank')][contains(., 'Banco Sandbox Ponte')]"));
        assertThat(imageLoaded(".bank img")).as("the bank's logo from the directory is shown").isTrue();
        ScreenChecks.assertAccessible(browser, "choose bank");
        bank.click();

        // the review
        waitFor("/review");
        screenshot("2-review");
        assertBranded();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Revise o pagamento");
        assertThat(text(By.cssSelector(".summary"))).contains("R$ 1.234,56", "Padaria Pao Quente", "11.222.333/0001-81",
                "Pix", "Banco Sandbox Ponte");
        WebElement goToBank = browser.findElement(By.cssSelector("form.actions button[type=submit]"));
        assertThat(goToBank.getText()).isEqualTo("Ir para o banco");
        assertThat(goToBank.getCssValue("background-color")).isEqualTo(PRIMARY_RGB);
        assertThat(goToBank.getCssValue("color")).as("white on the partner's dark colour").isEqualTo("rgba(255, 255, 255, 1)");
        ScreenChecks.assertAccessible(browser, "review");
        goToBank.click();

        // at the bank: the user types the CPF and approves
        waitFor("https://localhost:" + stack.ports().sandboxTls() + "/authorize");
        screenshot("3-bank");
        browser.findElement(By.id("cpf")).sendKeys("11144477735");
        screenshot("4-bank-cpf-typed");
        browser.findElement(By.cssSelector("button[name=decision][value=approve]")).click();

        // back through Ponte's callback to the result page, in the partner's brand
        waitFor("/result");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        screenshot("5-result-approved");
        assertBranded();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(APPROVED);
        WebElement back = browser.findElement(By.linkText(RETURN_BUTTON));
        String backToPartner = back.getAttribute("href");
        assertThat(backToPartner).startsWith(PARTNER_RETURN + "?intentId=" + intent.path("id").asText())
                .contains("status=AUTHORISED");
        ScreenChecks.assertAccessible(browser, "result, approved");
        assertNoContentSecurityViolations();

        // call 3: the partner reads the outcome
        JsonNode read = partner.send("GET", consentService() + "/v1/payment-intents/" + intent.path("id").asText(), null, 200);
        assertThat(read.path("status").asText()).isEqualTo("BANK_CHOSEN");
        assertThat(read.path("transmitter").asText()).isEqualTo(TestPartner.SANDBOX_BANK);
        assertThat(read.path("consentStatus").asText()).isEqualTo("AUTHORISED");
        assertThat(backToPartner).contains("consentId=" + read.path("consentId").asText());
        JsonNode consent = partner.send("GET", consentService() + "/v1/payment-consents/" + read.path("consentId").asText(),
                null, 200);
        assertThat(consent.path("status").asText()).isEqualTo("AUTHORISED");
        assertThat(consent.path("payment").path("amount").asText()).isEqualTo("1234.56");
    }

    @Test
    void theUserRejectsAtTheBankAndSeesItInThePartnersBrand() throws Exception {
        JsonNode intent = partner.send("POST", consentService() + "/v1/payment-intents", intentRequest("25.00"), 201);
        browser.get(intent.path("url").asText());
        browser.findElement(By.xpath("//a[contains(@class,'bank')][contains(., 'Banco Sandbox Ponte')]")).click();
        waitFor("/review");
        browser.findElement(By.cssSelector("form.actions button[type=submit]")).click();
        waitFor("https://localhost:" + stack.ports().sandboxTls() + "/authorize");
        browser.findElement(By.cssSelector("button[name=decision][value=reject]")).click();

        waitFor("/result");
        screenshot("6-result-rejected");
        assertBranded();
        assertThat(browser.findElement(By.tagName("h1")).getText()).as("the default text the partner did not change")
                .isEqualTo("Pagamento não autorizado");
        assertThat(browser.findElement(By.linkText(RETURN_BUTTON)).getAttribute("href")).contains("status=REJECTED");
        ScreenChecks.assertAccessible(browser, "result, rejected");
        assertNoContentSecurityViolations();

        JsonNode read = partner.send("GET", consentService() + "/v1/payment-intents/" + intent.path("id").asText(), null, 200);
        assertThat(read.path("consentStatus").asText()).isEqualTo("REJECTED");
        assertThat(read.path("rejectionReason").path("code").asText()).isEqualTo("REJEITADO_USUARIO");
    }

    /** The partner's brand on the current page: name, colour, and a layout as narrow as the phone. */
    private static void assertBranded() {
        assertThat(text(By.cssSelector(".brand-name"))).isEqualTo(BRAND);
        assertThat(browser.findElement(By.cssSelector("header.brand")).getCssValue("background-color")).isEqualTo(PRIMARY_RGB);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("pt-BR");
        assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("nothing wider than the phone's screen").isLessThanOrEqualTo(WIDTH);
    }

    private static void waitFor(String urlPart) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains(urlPart));
    }

    private static String text(By by) {
        return browser.findElement(by).getText().replace('\u00a0', ' ');
    }

    private static int viewportWidth() {
        return ((Number) browser.executeScript("return window.innerWidth")).intValue();
    }

    private static boolean imageLoaded(String selector) {
        return (Boolean) browser.executeScript("const image = document.querySelector(arguments[0]); "
                + "return image !== null && image.complete && image.naturalWidth > 0;", selector);
    }

    /** No page so far had anything refused by its Content-Security-Policy (the browser logs each refusal). */
    private static void assertNoContentSecurityViolations() {
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                .noneMatch(message -> message.contains("Content Security Policy"));
    }

    /** The whole page as a phone shows it, scrolled through, as {@code <name>.png}. */
    private static void screenshot(String name) throws Exception {
        Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        double height = Math.max(HEIGHT, ((Number) content.get("height")).doubleValue());
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", WIDTH, "height", height, "scale", 1)));
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** A payment sandbox-bank accepts, today in Brasília, by DICT key; the user chooses the bank. */
    private static Map<String, Object> intentRequest(String amount) {
        Map<String, Object> request = new HashMap<>();
        request.put("redirectUri", PARTNER_RETURN);
        request.put("loggedUser", Map.of("document", Map.of("identification", "11144477735", "rel", "CPF")));
        request.put("creditor", Map.of("personType", "PESSOA_JURIDICA", "cpfCnpj", "11222333000181", "name", "Padaria Pao Quente"));
        request.put("payment", Map.of("type", "PIX", "date", LocalDate.now(ZoneId.of("America/Sao_Paulo")).toString(),
                "currency", "BRL", "amount", amount, "details", Map.of("localInstrument", "DICT", "proxy", "padaria@example.com",
                        "creditorAccount", Map.of("ispb", "99999004", "issuer", "0001", "number", "1234567", "accountType", "CACC"))));
        return request;
    }

    private static String consentService() {
        return "http://localhost:" + stack.ports().consent();
    }
}
