package br.com.ponte.devstack;

import br.com.ponte.devstack.ScreenChecks.Drawn;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.logging.Level;

import static br.com.ponte.devstack.ScreenChecks.assertFocusVisible;
import static br.com.ponte.devstack.ScreenChecks.assertScreen;
import static br.com.ponte.devstack.ScreenChecks.press;
import static br.com.ponte.devstack.ScreenChecks.tabTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Data sharing and "Meus compartilhamentos" in a real browser on a phone-sized screen (headless
 * Chromium, 375×667), the whole platform running, sandbox-bank's two institutions the transmitters.
 * A partner with its brand (logo served from this machine, colours, sharing and dashboard texts)
 * starts a session; the user confirms the data on Ponte's screens (details opened, an optional group
 * removed, a term chosen), shares with Banco Sandbox Ponte (one account unticked at the bank) and
 * then with Banco Horizonte, and lands back on the partner's page; on the dashboard the user opens a
 * sharing's details and revokes it with the keyboard, and the bank, the partner and its webhook learn
 * of it. Another session is driven with the keyboard alone; a partner with a pale brand colour shows
 * its buttons and the current step at 3:1 (WCAG 1.4.11) on the sharing, dashboard and payment screens.
 * On every Ponte screen axe-core finds no WCAG 2.1 A/AA violation and the browser refused nothing under
 * the screens' Content-Security-Policy. Each step is a screenshot under {@code target/sharing-screens/}.
 * Chromium and ChromeDriver must be installed ({@code scripts/install-browser}).
 */
@ExtendWith(DefaultPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharingWhitelabelIT {

    static final Path ROOT = Path.of(System.getProperty("ponte.root", "..")).toAbsolutePath().normalize();
    static final Path SCREENSHOTS = ROOT.resolve("devstack/target/sharing-screens");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int WIDTH = 375;
    static final int HEIGHT = 667;

    static final String SANDBOX = TestPartner.SANDBOX_BANK;
    static final String HORIZONTE = TestPartner.HORIZONTE_BANK;
    /** sandbox-bank's seeded customers and products. */
    static final String PERSON = "76109277673";
    static final String PERSON_MASKED = "***.092.776-**";
    static final String NO_PRODUCTS = "11144477735";
    static final String CHECKING = "a6124cea-8be3-435a-8309-d850c81fe49b";
    static final String SAVINGS = "717c7f9f-3237-4752-ba01-c86d3399cd2c";
    static final String VISA = "e7ff3f42-bc2f-41f1-b866-a471c4003806";
    static final String MASTERCARD = "a6ed4deb-1193-443d-a54f-9ad6d2357a9b";
    static final String HORIZONTE_ACCOUNT = "813f9aeb-1fd7-4d47-8754-96751e7cef45";

    static final String BRAND = "Aurora Crédito";
    static final String PRIMARY = "#0f766e";
    static final String PRIMARY_RGB = "rgba(15, 118, 110, 1)";
    static final String PURPOSE = "Análise de crédito para oferecer um empréstimo com juros menores";
    static final String JUSTIFICATION = "Para calcular a sua renda";
    static final String CONSENT_TITLE = "A Aurora Crédito quer ver alguns dados seus";
    static final String CONTINUE = "Seguir para a instituição";
    static final String INSTITUTIONS_TITLE = "Onde estão os seus dados?";
    static final String REDIRECT_TITLE = "Levando você à instituição";
    static final String APPROVED_TITLE = "Pronto! A Aurora Crédito recebeu o seu sim";
    static final String DASHBOARD_INTRO = "Veja e encerre o que você compartilha com a Aurora Crédito.";
    static final String RETENTION = "A Aurora Crédito apaga os dados recebidos em até 30 dias.";
    static final String LOGO = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="36" r="18" fill="#f97316"/>\
            <rect x="6" y="38" width="52" height="20" fill="#0f766e"/></svg>""";

    static final String PALE_BRAND = "Clínica Brisa";
    static final String PALE = "#cfe8e6";

    static Devstack stack;
    static Path dataDir;
    static TestPartner partner;
    static HttpServer partnerSite;
    static ChromeDriver browser;

    /** What the journey (the first scenario) left for the dashboard's. */
    static String sandboxConsent;
    static String horizonteConsent;

    @BeforeAll
    static void startPlatformPartnerAndBrowser() throws Exception {
        for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(executable)) {
                fail(executable + " is missing: SharingWhitelabelIT drives Chromium through ChromeDriver. "
                        + "Install both with scripts/install-browser.");
            }
        }
        stack = DefaultPlatform.stack();
        dataDir = DefaultPlatform.dataDir();
        partner = TestPartner.onboard(stack, dataDir, BRAND, "/v1/authorisations/callback", List.of(SANDBOX, HORIZONTE));

        // the partner's site on this machine: its logo, and the page the user comes back to
        partnerSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        partnerSite.createContext("/logo.svg", exchange -> answer(exchange, "image/svg+xml", LOGO));
        partnerSite.createContext("/return", exchange -> answer(exchange, "text/html; charset=utf-8", """
                <!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8"><title>Aurora Crédito</title></head>
                <body><h1 id="back-at-partner">De volta à Aurora Crédito</h1></body></html>"""));
        partnerSite.start();
        partner.send("PUT", consentService() + "/v1/whitelabel", Map.of("brandName", BRAND, "logoUrl", site() + "/logo.svg",
                "primaryColor", PRIMARY, "accentColor", "#f97316",
                "texts", Map.of(
                        "sharing", Map.of("consentTitle", CONSENT_TITLE, "continueButton", CONTINUE,
                                "institutionsTitle", INSTITUTIONS_TITLE, "redirectTitle", REDIRECT_TITLE,
                                "approvedTitle", APPROVED_TITLE),
                        "dashboard", Map.of("intro", DASHBOARD_INTRO, "retentionPolicy", RETENTION))), 200);

        // the partner's webhooks go to the stack's receiver, which checks their signatures
        HttpClient http = partner.http();
        String secret = partner.send("POST", "http://localhost:" + stack.ports().webhook() + "/v1/webhook-endpoints",
                Map.of("url", "http://127.0.0.1:" + stack.ports().demoReceiver() + "/hooks/sharing", "ordered", true), 201)
                .path("secret").asText();
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ports().demoReceiver() + "/secret"))
                .PUT(HttpRequest.BodyPublishers.ofString(secret)).build(), HttpResponse.BodyHandlers.discarding());

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
        if (partnerSite != null) {
            partnerSite.stop(0);
        }
    }

    @Test
    @Order(1)
    void theUserSharesWithTwoInstitutionsOnPontesScreensAndFinishesBackAtThePartner() throws Exception {
        JsonNode session = partner.sendWithKey("POST", sessions(), UUID.randomUUID().toString(), session(PERSON, List.of(
                group("ACCOUNTS_TRANSACTIONS", true, JUSTIFICATION),
                group("CREDIT_CARDS_BILLS", false, null),
                group("CREDIT_OPERATIONS", false, null)), 12), 201);
        String sessionId = session.path("id").asText();
        String url = session.path("url").asText();
        assertThat(url).isEqualTo(consentService() + "/whitelabel/sharing/" + sessionId);

        // the consent screen: who asks, who shares, why, which data, for how long — in the partner's brand
        browser.get(url);
        waitForElement("#data-form");
        screenshot("01-consent");
        assertThat(viewportWidth()).isEqualTo(WIDTH);
        assertBranded();
        assertThat(browser.getTitle()).contains(BRAND);
        assertThat(text("h1")).isEqualTo(CONSENT_TITLE);
        assertCurrentStep("Dados");
        assertThat(text("#who-asks")).isEqualTo(BRAND);
        assertThat(text("#who-shares")).isEqualTo("CPF " + PERSON_MASKED);
        assertThat(text("#purpose")).contains(PURPOSE);
        WebElement accounts = browser.findElement(By.id("group-ACCOUNTS_TRANSACTIONS"));
        assertThat(accounts.getText()).contains("Obrigatório", JUSTIFICATION);
        assertThat(accounts.findElements(By.cssSelector("input[type=checkbox]"))).as("a mandatory group cannot be removed").isEmpty();
        for (String optional : List.of("CREDIT_CARDS_BILLS", "CREDIT_OPERATIONS")) {
            assertThat(browser.findElement(By.id("group-" + optional)).getText()).contains("Opcional");
            assertThat(browser.findElement(By.id("check-" + optional)).isSelected()).as(optional + " ticked at first").isTrue();
        }
        assertThat(browser.findElement(By.id("duration-12")).isSelected()).as("the partner's term pre-selected").isTrue();
        assertThat(browser.findElements(By.cssSelector("input[name=duration]"))).hasSizeGreaterThan(1);
        assertThat(browser.findElements(By.cssSelector("#data-form input[type=checkbox]:not([name=group])")))
                .as("no opt-in box for terms").isEmpty();
        WebElement items = accounts.findElement(By.cssSelector("details.group-items li"));
        assertThat(items.isDisplayed()).as("the group's items are folded at first").isFalse();
        assertScreen(browser, "consent");

        // the user opens a group's details, removes an optional group and picks a shorter term
        accounts.findElement(By.tagName("summary")).click();
        assertThat(accounts.findElement(By.tagName("details")).getAttribute("open")).isNotNull();
        assertThat(items.isDisplayed()).isTrue();
        assertThat(accounts.findElement(By.tagName("details")).getText()).contains(items.getText());
        browser.findElement(By.id("check-CREDIT_OPERATIONS")).click();
        assertThat(browser.findElement(By.id("check-CREDIT_OPERATIONS")).isSelected()).isFalse();
        browser.findElement(By.id("duration-6")).click();
        assertThat(browser.findElement(By.id("duration-6")).isSelected()).isTrue();
        screenshot("02-consent-details-open-group-removed-term-chosen");
        assertScreen(browser, "consent, details open");
        WebElement continueButton = browser.findElement(By.id("continue"));
        assertThat(continueButton.getText()).isEqualTo(CONTINUE);
        assertThat(continueButton.getCssValue("background-color")).isEqualTo(PRIMARY_RGB);
        continueButton.click();

        // the institution choice: both of sandbox-bank's institutions, from the directory
        waitFor("/institutions");
        waitForElement("#institution-form");
        screenshot("03-institutions");
        assertBranded();
        assertThat(text("h1")).isEqualTo(INSTITUTIONS_TITLE);
        assertCurrentStep("Instituição");
        assertThat(institutionButton(SANDBOX).getText()).contains("Banco Sandbox Ponte");
        assertThat(institutionButton(HORIZONTE).getText()).contains("Banco Horizonte");
        assertScreen(browser, "institutions");
        institutionButton(SANDBOX).click();

        // the redirect screen takes the browser to the bank by itself: nothing is clicked here
        waitFor(issuer(SANDBOX) + "/authorize?");
        waitForElement("#cpf");
        screenshot("04-bank-sandbox");
        assertThat(browser.getPageSource()).contains("Aurora Crédito", "Extratos");
        // at the bank: the CPF, one account unticked (the checking account kept), approved
        browser.findElement(By.id("cpf")).sendKeys(PERSON);
        for (String product : List.of(CHECKING, SAVINGS, VISA, MASTERCARD)) {
            assertThat(browser.findElement(By.id("r-" + product)).isSelected()).as(product + " pre-selected at the bank").isTrue();
        }
        browser.findElement(By.id("r-" + SAVINGS)).click();
        assertThat(browser.findElement(By.id("r-" + SAVINGS)).isSelected()).isFalse();
        screenshot("05-bank-sandbox-cpf-typed-savings-unticked");
        drainBrowserLog();
        // Ponte's callback page posts the bank's answer by itself; held there a moment to be checked
        String callbackHold = holdCallbackSubmit();
        try {
            browser.findElement(By.cssSelector("button[name=decision][value=approve]")).click();
            waitFor(consentService() + "/v1/authorisations/callback");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> browser.executeScript(
                    "return typeof window.__ponteTestRelease === 'function'"));
            screenshot("06-callback");
            assertThat(text("h1")).isEqualTo("Concluindo a autorização…");
            assertThat(browser.getCurrentUrl()).as("the one-time code left the address bar").doesNotContain("code=");
            assertScreen(browser, "callback");
        } finally {
            release(callbackHold);
        }
        browser.executeScript("window.__ponteTestRelease()");

        // the result: approved, in the partner's brand, with where to manage it
        waitFor(url + "/result?consent=");
        waitForElement("#result");
        sandboxConsent = DevHttp.query(URI.create(browser.getCurrentUrl())).get("consent");
        screenshot("07-result-sandbox");
        assertBranded();
        assertThat(browser.findElement(By.id("result")).getAttribute("data-outcome")).isEqualTo("approved");
        assertThat(text("h1")).isEqualTo(APPROVED_TITLE);
        assertThat(text("#result-institution")).isEqualTo("Banco Sandbox Ponte");
        assertThat(text("#result-validity")).startsWith("Até ");
        assertThat(text("#result-groups")).contains("Extratos", "Faturas").doesNotContain("Dados do contrato");
        assertThat(text("#manage")).contains("Meus compartilhamentos", BRAND, "Banco Sandbox Ponte");
        assertThat(text("#finish")).isEqualTo("Concluir");
        assertThat(text("#add-institution")).isEqualTo("Adicionar outra instituição");
        assertScreen(browser, "result, Banco Sandbox Ponte");

        // "Adicionar outra instituição": Banco Sandbox Ponte is done, Banco Horizonte is chosen
        browser.findElement(By.id("add-institution")).click();
        waitFor("/institutions");
        waitForElement("#institution-form");
        screenshot("08-institutions-again");
        WebElement done = browser.findElement(By.cssSelector("a.institution-done[data-institution='" + SANDBOX + "']"));
        assertThat(done.getText()).contains("Banco Sandbox Ponte", "Compartilhado");
        assertThat(browser.findElements(By.cssSelector("button.institution[value='" + SANDBOX + "']"))).isEmpty();
        assertScreen(browser, "institutions, one done");
        // the redirect screen, held this once so that it can be looked at (it leaves as soon as it has loaded)
        String redirectHold = holdAutomaticRedirect("/institution");
        try {
            institutionButton(HORIZONTE).click();
            waitForElement("#redirect-institution");
            screenshot("09-redirect-horizonte");
            assertBranded();
            assertThat(text("h1")).isEqualTo(REDIRECT_TITLE);
            assertThat(text("#redirect-institution")).isEqualTo("Banco Horizonte");
            assertCurrentStep("Confirmação");
            assertThat(browser.findElement(By.cssSelector("meta[http-equiv=refresh]")).getAttribute("content"))
                    .startsWith("0;url=" + issuer(HORIZONTE) + "/authorize?");
            assertThat(text("#go-to-institution")).isEqualTo("Ir para Banco Horizonte");
            assertScreen(browser, "redirect");
        } finally {
            release(redirectHold);
        }
        // held, it offers its link
        browser.findElement(By.id("go-to-institution")).click();

        waitFor(issuer(HORIZONTE) + "/authorize?");
        waitForElement("#cpf");
        screenshot("10-bank-horizonte");
        assertThat(browser.findElements(By.id("r-" + HORIZONTE_ACCOUNT))).hasSize(1);
        browser.findElement(By.id("cpf")).sendKeys(PERSON);
        drainBrowserLog();
        browser.findElement(By.cssSelector("button[name=decision][value=approve]")).click();
        waitFor(url + "/result?consent=");
        waitForElement("#result");
        horizonteConsent = DevHttp.query(URI.create(browser.getCurrentUrl())).get("consent");
        screenshot("11-result-horizonte");
        assertBranded();
        assertThat(browser.findElement(By.id("result")).getAttribute("data-outcome")).isEqualTo("approved");
        assertThat(text("#result-institution")).isEqualTo("Banco Horizonte");
        assertThat(text("#result-groups")).as("Banco Horizonte has no credit cards").contains("Extratos").doesNotContain("Faturas");
        assertScreen(browser, "result, Banco Horizonte");

        // "Concluir": back on the partner's page with the session id
        browser.findElement(By.id("finish")).click();
        waitFor(site() + "/return?");
        waitForElement("#back-at-partner");
        screenshot("12-back-at-the-partner");
        Map<String, String> back = DevHttp.query(URI.create(browser.getCurrentUrl()));
        assertThat(back).containsEntry("sessionId", sessionId).containsEntry("status", "FINISHED");
        assertNoCspRefusals("back at the partner");

        // what the partner then reads: two sharings, as the user chose them
        JsonNode read = partner.send("GET", sessions() + "/" + sessionId, null, 200);
        assertThat(read.path("status").asText()).isEqualTo("FINISHED");
        assertThat(read.path("chosenGroups")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("ACCOUNTS_TRANSACTIONS", "CREDIT_CARDS_BILLS");
        JsonNode listed = partner.send("GET", consents() + "?sessionId=" + sessionId, null, 200).path("data");
        assertThat(listed).hasSize(2);
        assertThat(listed).extracting(c -> c.path("id").asText()).containsExactlyInAnyOrder(sandboxConsent, horizonteConsent);
        assertThat(listed).allSatisfy(c -> {
            assertThat(c.path("status").asText()).isEqualTo("AUTHORISED");
            assertThat(c.path("groups")).extracting(JsonNode::asText).doesNotContain("CREDIT_OPERATIONS");
            assertThat(c.path("permissions")).extracting(JsonNode::asText)
                    .noneMatch(permission -> permission.startsWith("LOANS") || permission.startsWith("FINANCINGS"));
            Instant term = Instant.parse(c.path("expirationDateTime").asText());
            assertThat(term).as("the six months the user chose").isBetween(Instant.now().plus(Duration.ofDays(178)),
                    Instant.now().plus(Duration.ofDays(186)));
        });
        JsonNode atSandbox = awaitConsent(sandboxConsent, c -> c.path("resources").size() == 3);
        assertThat(atSandbox.path("transmitter").asText()).isEqualTo(SANDBOX);
        assertThat(atSandbox.path("groups")).extracting(JsonNode::asText).containsExactly("ACCOUNTS_TRANSACTIONS", "CREDIT_CARDS_BILLS");
        assertThat(resourceIds(atSandbox)).as("the savings account was unticked at the bank")
                .containsExactlyInAnyOrder(CHECKING, VISA, MASTERCARD);
        JsonNode atHorizonte = awaitConsent(horizonteConsent, c -> c.path("resources").size() == 1);
        assertThat(atHorizonte.path("transmitter").asText()).isEqualTo(HORIZONTE);
        assertThat(atHorizonte.path("groups")).extracting(JsonNode::asText).containsExactly("ACCOUNTS_TRANSACTIONS");
        assertThat(atHorizonte.path("permissions")).extracting(JsonNode::asText).noneMatch(permission -> permission.startsWith("CREDIT_CARDS"));
        assertThat(resourceIds(atHorizonte)).containsExactly(HORIZONTE_ACCOUNT);
    }

    @Test
    @Order(2)
    void theUserFindsBothSharingsOnTheDashboardAndRevokesOneWithTheKeyboard() throws Exception {
        assertThat(sandboxConsent).as("the journey ran first and left two sharings").isNotNull();
        assertThat(horizonteConsent).isNotNull();
        String bankConsentId = partner.send("GET", consents() + "/" + sandboxConsent, null, 200).path("transmitterConsentId").asText();
        assertThat(sharedAtTheBank(SANDBOX, PERSON)).contains(bankConsentId);

        // the partner makes a link for this user; the browser follows it and the dashboard opens by itself
        JsonNode link = partner.send("POST", consentService() + "/v1/sharing-dashboard-links",
                Map.of("loggedUser", Map.of("document", Map.of("identification", PERSON, "rel", "CPF"))), 201);
        browser.get(link.path("url").asText());
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlMatches(".*/whitelabel/dashboard$"));
        waitForElement("#dashboard-title");
        screenshot("20-dashboard");
        assertBranded();
        assertThat(text("h1")).isEqualTo("Meus compartilhamentos");
        assertThat(browser.getPageSource()).contains(DASHBOARD_INTRO);
        assertThat(cards("active")).containsExactlyInAnyOrder(sandboxConsent, horizonteConsent);
        assertThat(cards("pending")).isEmpty();
        assertThat(cards("inactive")).isEmpty();
        assertThat(text("#consent-" + sandboxConsent)).contains("Banco Sandbox Ponte", "Validade:");
        assertThat(text("#consent-" + horizonteConsent)).contains("Banco Horizonte");
        assertScreen(browser, "dashboard");

        // the details of the sharing with Banco Sandbox Ponte
        browser.findElement(By.id("details-" + sandboxConsent)).click();
        waitFor("/whitelabel/dashboard/consents/" + sandboxConsent);
        waitForElement("#consent-details");
        screenshot("21-dashboard-details");
        assertBranded();
        assertThat(text("#institution")).isEqualTo("Banco Sandbox Ponte");
        assertThat(text("#status")).isEqualTo("Ativo");
        assertThat(text("#validity")).startsWith("Até ");
        assertThat(text("#purpose")).contains(PURPOSE);
        assertThat(text("#groups")).contains("Extratos", "Faturas").doesNotContain("Dados do contrato");
        // Ponte names the products by kind (it reads no account data): the checking account and the two cards
        List<String> resources = browser.findElements(By.cssSelector("#resources li")).stream().map(WebElement::getText).toList();
        assertThat(resources).hasSize(3).allSatisfy(resource -> assertThat(resource).endsWith(": Compartilhando"));
        assertThat(resources).filteredOn(resource -> resource.startsWith("Conta ")).as("the savings account was unticked").hasSize(1);
        assertThat(resources).filteredOn(resource -> resource.startsWith("Cartão de crédito ")).hasSize(2);
        assertThat(text("#renewals")).contains("Nenhuma renovação");
        assertScreen(browser, "dashboard details");

        // the revocation, with the keyboard alone: to "Encerrar", the confirmation screen, confirm
        tabTo(browser, "#revoke");
        press(browser, Keys.ENTER);
        waitFor("/whitelabel/dashboard/consents/" + sandboxConsent + "/revoke");
        waitForElement("#consequences");
        screenshot("22-dashboard-revoke-confirmation");
        assertBranded();
        assertThat(text("h1")).isEqualTo("Encerrar o compartilhamento com Banco Sandbox Ponte?");
        assertThat(text("#consequences")).contains("Banco Sandbox Ponte deixa de compartilhar com " + BRAND,
                "todos os dados deste compartilhamento", RETENTION, "continua no seu histórico", "novo pedido");
        assertThat(text("#keep-sharing")).isEqualTo("Manter compartilhamento");
        assertScreen(browser, "dashboard revoke confirmation");
        tabTo(browser, "#confirm-revoke");
        assertThat(text("#confirm-revoke")).isEqualTo("Encerrar compartilhamento");
        press(browser, Keys.ENTER);

        // back on the list: the sharing in the history, with a confirmation
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("done=revoked"));
        waitForElement("#confirmation");
        screenshot("23-dashboard-revoked");
        assertThat(text("#confirmation")).contains("Banco Sandbox Ponte", "foi encerrado", "Encerrados");
        assertThat(cards("active")).containsExactly(horizonteConsent);
        assertThat(cards("inactive")).containsExactly(sandboxConsent);
        assertThat(text("#consent-" + sandboxConsent)).contains("Encerrado por você em Meus compartilhamentos");
        assertScreen(browser, "dashboard after the revocation");

        // the partner reads it revoked by the user on Ponte, the bank no longer shares it, and the webhook came
        JsonNode revoked = partner.send("GET", consents() + "/" + sandboxConsent, null, 200);
        assertThat(revoked.path("status").asText()).isEqualTo("REJECTED");
        assertThat(revoked.path("revocation").path("revokedBy").asText()).isEqualTo("USER");
        assertThat(revoked.path("revocation").path("channel").asText()).isEqualTo("PONTE");
        assertThat(sharedAtTheBank(SANDBOX, PERSON)).doesNotContain(bankConsentId);
        assertThat(partner.send("GET", consents() + "/" + horizonteConsent, null, 200).path("status").asText())
                .isEqualTo("AUTHORISED");
        JsonNode event = Received.ofType(Received.untilType(partner.http(), stack, sandboxConsent, "sharing:consent:revoked"),
                "sharing:consent:revoked").get(0);
        assertThat(event.path("data").path("revokedBy").asText()).isEqualTo("USER");
        assertThat(event.path("data").path("channel").asText()).isEqualTo("PONTE");
    }

    @Test
    @Order(3)
    void theConsentScreenAndTheInstitutionChoiceWorkWithTheKeyboardAlone() throws Exception {
        JsonNode session = partner.sendWithKey("POST", sessions(), UUID.randomUUID().toString(), session(NO_PRODUCTS, List.of(
                group("ACCOUNTS_BALANCES", true, null),
                group("CREDIT_CARDS_LIMITS", false, null),
                group("CREDIT_OPERATIONS", false, null)), 12), 201);
        browser.get(session.path("url").asText());
        waitForElement("#data-form");

        // a group's items opened with ENTER, an optional group removed with SPACE, the term moved with an arrow
        tabTo(browser, "#group-ACCOUNTS_BALANCES summary");
        press(browser, Keys.ENTER);
        assertThat(browser.findElement(By.cssSelector("#group-ACCOUNTS_BALANCES details")).getAttribute("open")).isNotNull();
        tabTo(browser, "#check-CREDIT_OPERATIONS");
        press(browser, Keys.SPACE);
        assertThat(browser.findElement(By.id("check-CREDIT_OPERATIONS")).isSelected()).isFalse();
        tabTo(browser, "input[name=duration]");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the chosen term takes the focus").isEqualTo("duration-12");
        press(browser, Keys.ARROW_UP);
        assertFocusVisible(browser);
        assertThat(browser.findElement(By.id("duration-6")).isSelected()).isTrue();
        screenshot("30-keyboard-consent");
        tabTo(browser, "#continue");
        screenshot("31-keyboard-consent-continue-focused");
        press(browser, Keys.ENTER);

        // the institution chosen with the keyboard; the redirect screen goes on by itself
        waitFor("/institutions");
        waitForElement("#institution-form");
        tabTo(browser, "button.institution[value='" + SANDBOX + "']");
        screenshot("32-keyboard-institution-focused");
        assertScreen(browser, "institutions, keyboard");
        press(browser, Keys.ENTER);
        waitFor(issuer(SANDBOX) + "/authorize?");
        waitForElement("#cpf");
        screenshot("33-keyboard-at-the-bank");
        drainBrowserLog();

        JsonNode read = partner.send("GET", sessions() + "/" + session.path("id").asText(), null, 200);
        assertThat(read.path("chosenGroups")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("ACCOUNTS_BALANCES", "CREDIT_CARDS_LIMITS");
        assertThat(read.path("consents")).hasSize(1);
    }

    @Test
    @Order(4)
    void aPaleBrandColourKeepsTheButtonsAndTheCurrentStepAt3To1() throws Exception {
        TestPartner pale = TestPartner.onboard(stack, dataDir, PALE_BRAND, "/v1/authorisations/callback", List.of(SANDBOX));
        pale.send("PUT", consentService() + "/v1/whitelabel", Map.of("brandName", PALE_BRAND,
                "primaryColor", PALE, "accentColor", "#fde68a"), 200);
        List<String> figures = new ArrayList<>();

        // the sharing screens
        JsonNode session = pale.sendWithKey("POST", sessions(), UUID.randomUUID().toString(), session(NO_PRODUCTS,
                List.of(group("ACCOUNTS_BALANCES", true, null)), 3), 201);
        String url = session.path("url").asText();
        browser.get(url);
        waitForElement("#data-form");
        screenshot("40-pale-consent");
        assertPaleBrand();
        figures.add(assertButton("consent", "#continue"));
        figures.add(assertCurrentStepBar("consent"));
        assertScreen(browser, "pale consent");
        browser.findElement(By.id("continue")).click();
        waitForElement("#institution-form");
        screenshot("41-pale-institutions");
        figures.add(assertCurrentStepBar("institutions"));
        assertScreen(browser, "pale institutions");
        String hold = holdAutomaticRedirect("/institution");
        try {
            institutionButton(SANDBOX).click();
            waitForElement("#redirect-institution");
            screenshot("42-pale-redirect");
            figures.add(assertButton("redirect", "#go-to-institution"));
            figures.add(assertCurrentStepBar("redirect"));
            assertScreen(browser, "pale redirect");
        } finally {
            release(hold);
        }
        browser.findElement(By.id("go-to-institution")).click();
        waitFor(issuer(SANDBOX) + "/authorize?");
        waitForElement("#cpf");
        browser.findElement(By.id("cpf")).sendKeys(NO_PRODUCTS);
        drainBrowserLog();
        browser.findElement(By.cssSelector("button[name=decision][value=approve]")).click();
        waitFor(url + "/result?consent=");
        waitForElement("#result");
        screenshot("43-pale-result");
        assertThat(browser.findElement(By.id("result")).getAttribute("data-outcome")).isEqualTo("approved");
        figures.add(assertButton("result", "#finish"));
        Drawn manage = ScreenChecks.drawn(browser, "#manage", "Top");
        figures.add(String.format(Locale.ROOT, "result #manage box: border %s on %s %.2f:1", manage.border(), manage.behind(),
                manage.boundaryContrast()));
        assertThat(manage.boundaryContrast()).as("the 'manage your sharing' box's border").isGreaterThanOrEqualTo(3.0);
        assertScreen(browser, "pale result");

        // the dashboard: the opening page (held, it leaves at once), the list, a sharing's details
        JsonNode link = pale.send("POST", consentService() + "/v1/sharing-dashboard-links",
                Map.of("loggedUser", Map.of("document", Map.of("identification", NO_PRODUCTS, "rel", "CPF"))), 201);
        hold = holdAutomaticRedirect("/whitelabel/dashboard/links/");
        try {
            browser.get(link.path("url").asText());
            waitForElement("#open-dashboard");
            screenshot("44-pale-dashboard-opening");
            figures.add(assertButton("dashboard opening", "#open-dashboard"));
            assertScreen(browser, "pale dashboard opening");
        } finally {
            release(hold);
        }
        browser.findElement(By.id("open-dashboard")).click();
        waitForElement("#dashboard-title");
        screenshot("45-pale-dashboard");
        assertThat(browser.findElements(By.cssSelector("#active li.consent"))).hasSize(1);
        assertScreen(browser, "pale dashboard");
        browser.findElement(By.cssSelector("#active a.consent-link")).click();
        waitForElement("#consent-details");
        screenshot("46-pale-dashboard-details");
        figures.add(assertButton("dashboard details", "#renew"));
        assertScreen(browser, "pale dashboard details");

        // the payment screens: the bank choice and the review
        JsonNode intent = pale.send("POST", consentService() + "/v1/payment-intents", intentRequest(), 201);
        browser.get(intent.path("url").asText());
        waitForElement(".banks");
        screenshot("47-pale-payment-choose-bank");
        assertPaleBrand();
        figures.add(assertCurrentStepBar("payment bank choice"));
        assertScreen(browser, "pale payment bank choice");
        browser.findElement(By.xpath("//a[contains(@class,'bank')][contains(., 'Banco Sandbox Ponte')]")).click();
        waitFor("/review");
        waitForElement("form.actions button[type=submit]");
        screenshot("48-pale-payment-review");
        figures.add(assertButton("payment review", "form.actions button[type=submit]"));
        figures.add(assertCurrentStepBar("payment review"));
        assertScreen(browser, "pale payment review");

        System.out.println("Contrast with the pale brand colour " + PALE + ", measured in the browser:\n  "
                + String.join("\n  ", figures));
    }

    // ---- what the user sees ----

    /** The partner's brand on the current page: logo, name, colour, the page's language, as narrow as the phone. */
    private static void assertBranded() {
        assertThat(text(".brand-name")).isEqualTo(BRAND);
        assertThat(browser.findElement(By.cssSelector("header.brand")).getCssValue("background-color")).isEqualTo(PRIMARY_RGB);
        assertThat(imageLoaded(".brand-logo")).as("the partner's logo is shown").isTrue();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("pt-BR");
        assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("nothing wider than the phone's screen").isLessThanOrEqualTo(WIDTH);
    }

    private static void assertPaleBrand() {
        assertThat(text(".brand-name")).isEqualTo(PALE_BRAND);
        assertThat(browser.findElement(By.cssSelector("header.brand")).getCssValue("background-color"))
                .isEqualTo("rgba(207, 232, 230, 1)");
    }

    private static void assertCurrentStep(String name) {
        assertThat(browser.findElements(By.cssSelector(".steps li[aria-current=step]"))).extracting(WebElement::getText)
                .containsExactly(name);
    }

    /** The main button's boundary at 3:1 against the page behind it, its text at 4.5:1 on its fill; the figures. */
    private static String assertButton(String screen, String selector) {
        Drawn button = ScreenChecks.drawn(browser, selector, "Top");
        String figures = String.format(Locale.ROOT, "%s %s: fill %s, border %s (%.0f px) on page %s -> boundary %.2f:1;"
                        + " text %s on the fill %.2f:1", screen, selector, button.seenFill(), button.border(), button.borderWidth(),
                button.behind(), button.boundaryContrast(), button.text(), button.textContrast());
        assertThat(button.boundaryContrast()).as("the button's visible boundary (WCAG 1.4.11): " + figures)
                .isGreaterThanOrEqualTo(3.0);
        assertThat(button.textContrast()).as("the button's text (WCAG 1.4.3): " + figures).isGreaterThanOrEqualTo(4.5);
        return figures;
    }

    /** The current step's bar at 3:1 against the page; the figures. */
    private static String assertCurrentStepBar(String screen) {
        Drawn bar = ScreenChecks.drawn(browser, ".steps li[aria-current=step]", "Top");
        double ratio = ScreenChecks.contrast(bar.border().over(bar.behind()), bar.behind());
        String figures = String.format(Locale.ROOT, "%s current step bar: %s (%.0f px) on page %s -> %.2f:1", screen,
                bar.border(), bar.borderWidth(), bar.behind(), ratio);
        assertThat(bar.borderWidth()).isGreaterThan(0);
        assertThat(ratio).as("the current step's bar (WCAG 1.4.11): " + figures).isGreaterThanOrEqualTo(3.0);
        return figures;
    }

    /** The consents listed in a section of the dashboard, by id. */
    private static List<String> cards(String section) {
        return browser.findElements(By.cssSelector("#" + section + " li.consent")).stream().map(card -> {
            assertThat(card.getAttribute("data-section")).isEqualTo(section);
            return card.getAttribute("data-consent-id");
        }).toList();
    }

    private static WebElement institutionButton(String id) {
        return browser.findElement(By.cssSelector("button.institution[name=bank][value='" + id + "']"));
    }

    private static String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText().replace('\u00a0', ' ');
    }

    private static int viewportWidth() {
        return ((Number) browser.executeScript("return window.innerWidth")).intValue();
    }

    private static boolean imageLoaded(String selector) {
        return (Boolean) browser.executeScript("const image = document.querySelector(arguments[0]); "
                + "return image !== null && image.complete && image.naturalWidth > 0;", selector);
    }

    private static void assertNoCspRefusals(String screen) {
        ScreenChecks.assertNoContentSecurityViolations(browser, screen);
    }

    /**
     * At the bank: what the browser logged since the last check, where refusals under a Content-Security-Policy
     * may come from the bank's pages only (not Ponte's to check), not from a Ponte screen passed on the way.
     */
    private static void drainBrowserLog() {
        String bank = "https://localhost:" + stack.ports().sandboxTls();
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                .noneMatch(message -> message.contains("Content Security Policy") && !message.startsWith(bank));
    }

    // ---- the screens that leave by themselves ----

    /**
     * Keeps the next page whose path matches {@code pathPart} from leaving by its meta refresh: a script
     * the test browser runs in each new document stops it when it has loaded (the refresh only starts
     * counting then), so it can be looked at; the page itself is unchanged. The hold's id.
     */
    private static String holdAutomaticRedirect(String pathPart) {
        return (String) browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "if (location.pathname.includes(" + jsString(pathPart) + ")) addEventListener('load', () => window.stop());"))
                .get("identifier");
    }

    /**
     * Keeps Ponte's callback page from posting the bank's answer at once: its script's {@code form.submit()}
     * is kept for {@code window.__ponteTestRelease()}. The hold's id.
     */
    private static String holdCallbackSubmit() {
        return (String) browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                if (location.pathname === '/v1/authorisations/callback') {
                  const submit = HTMLFormElement.prototype.submit;
                  HTMLFormElement.prototype.submit = function () { const form = this; window.__ponteTestRelease = () => submit.call(form); };
                }""")).get("identifier");
    }

    private static void release(String hold) {
        browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", hold));
    }

    private static String jsString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    // ---- waiting ----

    private static void waitFor(String urlPart) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains(urlPart));
    }

    private static void waitForElement(String selector) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(selector)));
    }

    private static void screenshot(String name) {
        ScreenChecks.screenshot(browser, SCREENSHOTS, name, WIDTH, HEIGHT);
    }

    // ---- the partner's side ----

    /** The consent as the partner reads it, once {@code ready} holds (within 30 s). */
    private static JsonNode awaitConsent(String consentId, Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode consent;
        do {
            consent = partner.send("GET", consents() + "/" + consentId, null, 200);
            if (ready.test(consent)) {
                return consent;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Consent " + consentId + " never got there: " + consent);
    }

    private static List<String> resourceIds(JsonNode consent) {
        List<String> ids = new ArrayList<>();
        consent.path("resources").forEach(r -> ids.add(r.path("resourceId").asText()));
        return ids;
    }

    /** The bank's own page listing the user's authorised sharings (bank consent ids among its text). */
    private static String sharedAtTheBank(String bank, String cpf) throws Exception {
        HttpResponse<String> list = partner.http().send(HttpRequest.newBuilder(URI.create(issuer(bank) + "/compartilhamentos?cpf=" + cpf))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        return list.body();
    }

    private static Map<String, Object> session(String cpf, List<Map<String, Object>> groups, int months) {
        Map<String, Object> request = new HashMap<>(SharingJourneyIT.session(cpf, null, groups, months));
        request.put("purpose", PURPOSE);
        request.put("redirectUri", site() + "/return");
        return request;
    }

    private static Map<String, Object> group(String name, boolean mandatory, String justification) {
        return SharingJourneyIT.group(name, mandatory, justification);
    }

    /** A payment the user would choose the bank for (its first screens only are looked at). */
    private static Map<String, Object> intentRequest() {
        Map<String, Object> request = new HashMap<>();
        request.put("redirectUri", site() + "/return");
        request.put("loggedUser", Map.of("document", Map.of("identification", NO_PRODUCTS, "rel", "CPF")));
        request.put("creditor", Map.of("personType", "PESSOA_JURIDICA", "cpfCnpj", "11222333000181", "name", "Padaria Pao Quente"));
        request.put("payment", Map.of("type", "PIX", "date", LocalDate.now(ZoneId.of("America/Sao_Paulo")).toString(),
                "currency", "BRL", "amount", "42.00", "details", Map.of("localInstrument", "DICT", "proxy", "padaria@example.com",
                        "creditorAccount", Map.of("ispb", "99999004", "issuer", "0001", "number", "1234567", "accountType", "CACC"))));
        return request;
    }

    private static void answer(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String issuer(String bank) {
        return "https://localhost:" + stack.ports().sandboxTls() + (HORIZONTE.equals(bank) ? "/horizonte" : "");
    }

    private static String site() {
        return "http://127.0.0.1:" + partnerSite.getAddress().getPort();
    }

    private static String consentService() {
        return "http://localhost:" + stack.ports().consent();
    }

    private static String sessions() {
        return consentService() + "/v1/sharing-sessions";
    }

    private static String consents() {
        return consentService() + "/v1/sharing-consents";
    }
}
