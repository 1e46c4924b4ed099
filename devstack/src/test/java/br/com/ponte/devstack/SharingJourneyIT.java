package br.com.ponte.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data sharing through the whole platform, each service its own process and sandbox-bank's two
 * institutions the transmitters: a partner starts a consent-management session, the user (driven
 * here without a browser, through the same forms) confirms the data on Ponte's screens, shares it
 * with Banco Sandbox Ponte and then with Banco Horizonte, and finishes back at the partner; consents
 * created at each institution with the consents API v3, authorised on its page, resources read with
 * the user's token and followed by Ponte without being told (multiple approval, revocation and
 * expiry at the institution, resources changing status); every event a webhook verified with
 * {@code com.standardwebhooks}.
 */
// two devstack classes run at once: the order that packs them is in src/test/resources/junit-platform.properties
@Order(Integer.MAX_VALUE - 1)
class SharingJourneyIT {

    static final Path ROOT = Path.of(System.getProperty("ponte.root", "..")).toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SANDBOX = TestPartner.SANDBOX_BANK;
    static final String HORIZONTE = TestPartner.HORIZONTE_BANK;
    static final String PARTNER_RETURN = "https://partner.example/sharing/return";
    /** sandbox-bank's seeded customers. */
    static final String PERSON = "76109277673";
    static final String CHECKING = "a6124cea-8be3-435a-8309-d850c81fe49b";
    static final String SAVINGS = "717c7f9f-3237-4752-ba01-c86d3399cd2c";
    static final String VISA = "e7ff3f42-bc2f-41f1-b866-a471c4003806";
    static final String HORIZONTE_ACCOUNT = "813f9aeb-1fd7-4d47-8754-96751e7cef45";
    static final String HORIZONTE_LOAN = "f544cfd7-8d26-4efc-b277-a25dfb81868d";
    static final String COMPANY = "45612378000184";
    static final String REPRESENTATIVE = "52998224725";
    static final String SECOND_APPROVER = "39053344705";
    static final String COMPANY_ACCOUNT_1 = "a969820e-a343-4d09-9576-a6ed57f76667";
    static final String COMPANY_ACCOUNT_2 = "e3b407e0-e4a3-46b4-addf-d58afc0fd2ac";
    static final String COMPANY_INVOICE_FINANCING = "b78c7c82-11dd-4b81-8e94-76c2f028d3cc";
    private static final Pattern REFRESH = Pattern.compile("http-equiv=\"refresh\" content=\"\\d+;\\s*url=([^\"]+)\"");

    static Devstack stack;
    static Path dataDir;
    static HttpClient http;
    static TestPartner partner;
    static TestPartner otherPartner;

    @BeforeAll
    static void startPlatformAndOnboardAPartnerAtBothInstitutions() throws Exception {
        dataDir = Files.createTempDirectory("ponte-sharing-it");
        stack = new Devstack(ROOT, dataDir, StackPorts.free(), System.out)
                // Ponte reads consents at their institutions every 2 s here (15 min by default)
                .withEnvironment("consent-service", Map.of("PONTE_SHARING_CHECK_EVERY", "1s",
                        "PONTE_SHARING_STATUS_CHECK_INTERVAL", "2s", "PONTE_SHARING_PENDING_CHECK_MIN", "1s",
                        "PONTE_SHARING_PENDING_CHECK_MAX", "2s"))
                // transactions refreshed every 8 s (daily by default), with a recent window's budget (the bank's and
                // Ponte's alike) large enough that pacing the month's calls does not space the refreshes further;
                // balances' budget small enough to spend here
                .withEnvironment("collection-service", Map.of("PONTE_COLLECTION_REFRESH_INTERVALS", "ACCOUNT_TRANSACTIONS=8s",
                        "PONTE_COLLECTION_LIMITS", "ACCOUNT_BALANCES=4,ACCOUNT_TRANSACTIONS_CURRENT=1000000",
                        "PONTE_COLLECTION_RESERVES", "ACCOUNT_BALANCES=1", "PONTE_COLLECTION_REFRESH_MIN_AGE", "0s"))
                // the bank's books change only when a test says so (every 15 minutes by default)
                .withEnvironment("sandbox-bank", Map.of("SANDBOX_DATA_NEW_TRANSACTIONS_EVERY", "PT24H",
                        "SANDBOX_LIMITS_ACCOUNTS_TRANSACTIONS_CURRENT", "1000000"))
                // two collectors sharing the tasks, as on a cluster: each read is made once, the budget is one
                .withReplicas("collection-service", 2);
        stack.start();
        partner = TestPartner.onboard(stack, dataDir, "Fintech Dados", "/v1/authorisations/callback", List.of(SANDBOX, HORIZONTE));
        otherPartner = TestPartner.onboard(stack, dataDir, "Outra Fintech", "/v1/authorisations/callback", List.of(SANDBOX));
        http = HttpClient.newBuilder().sslContext(sslOf(partner)).followRedirects(HttpClient.Redirect.NEVER).build();

        partner.receiveWebhooks(stack, "/hooks/sharing");
    }

    @AfterAll
    static void stopPlatform() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theUserSharesWithOneInstitutionThenAddsAnotherAndFinishesBackAtThePartner() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> request = session(PERSON, null, List.of(
                group("ACCOUNTS_TRANSACTIONS", true, "Para calcular a sua renda"),
                group("CREDIT_CARDS_BILLS", false, null),
                group("CREDIT_OPERATIONS", false, null)), 12);
        JsonNode session = partner.sendWithKey("POST", sessions(), key, request, 201);
        String sessionId = session.path("id").asText();
        assertThat(session.path("status").asText()).isEqualTo("ACTIVE");
        // the same key and body: the same session; another body with it is refused
        assertThat(partner.sendWithKey("POST", sessions(), key, request, 201).path("id").asText()).isEqualTo(sessionId);
        Map<String, Object> other = new HashMap<>(request);
        other.put("durationMonths", 6);
        assertThat(partner.sendWithKey("POST", sessions(), key, other, 422).path("errors").path(0).path("code").asText())
                .isEqualTo("ERRO_IDEMPOTENCIA");

        String url = session.path("url").asText();
        confirmData(url, List.of("ACCOUNTS_TRANSACTIONS", "CREDIT_CARDS_BILLS", "CREDIT_OPERATIONS"), "12");

        // Banco Sandbox Ponte: the user keeps the checking account and one card of their two each
        URI result = atBank(goTo(url, SANDBOX), PERSON, "approve", List.of(CHECKING, VISA));
        assertThat(result.toString()).startsWith(url + "/result?consent=");
        String first = result.getQuery().substring("consent=".length());
        assertThat(page(result).statusCode()).isEqualTo(200);
        JsonNode atSandbox = awaitConsent(first, c -> c.path("resources").size() == 6);
        assertThat(atSandbox.path("status").asText()).isEqualTo("AUTHORISED");
        assertThat(atSandbox.path("transmitter").asText()).isEqualTo(SANDBOX);
        assertThat(atSandbox.path("transmitterConsentId").asText()).startsWith("urn:bancosandbox:");
        assertThat(resources(atSandbox)).containsOnlyKeys(CHECKING, VISA, "4bc54e2d-7da6-48ac-aa36-0555094da7f6",
                "d6b7536f-47dc-44ae-9bc4-fb8e4b5bbeb8", "74e96c49-ff39-4f9a-a133-467a688ac8a7",
                "9e455c99-1dd5-48a8-b48d-cdd164bdab89").allSatisfy((id, status) -> assertThat(status).isEqualTo("AVAILABLE"));
        assertThat(atSandbox.path("groups")).extracting(JsonNode::asText)
                .containsExactly("ACCOUNTS_TRANSACTIONS", "CREDIT_CARDS_BILLS", "CREDIT_OPERATIONS");
        Instant term = Instant.parse(atSandbox.path("expirationDateTime").asText());
        assertThat(term).isBetween(Instant.now().plus(Duration.ofDays(360)), Instant.now().plus(Duration.ofDays(367)));

        // one webhook per shared resource, each for the resource it names, signed
        List<JsonNode> events = Received.until(http, stack, first, d -> Received.count(d, "sharing:resource:shared") == 6);
        assertThat(events).extracting(e -> e.path("event").path("type").asText()).startsWith(
                "sharing:consent:created", "sharing:consent:authorised");
        assertThat(Received.ofType(events, "sharing:resource:shared"))
                .extracting(e -> e.path("data").path("resourceId").asText()).containsExactlyInAnyOrderElementsOf(resources(atSandbox).keySet());
        JsonNode shared = Received.ofType(events, "sharing:resource:shared").stream()
                .filter(e -> e.path("data").path("resourceId").asText().equals(CHECKING)).findFirst().orElseThrow();
        assertThat(shared.path("data").path("resourceType").asText()).isEqualTo("ACCOUNT");
        assertThat(shared.path("data").path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(shared.path("data").path("permissions")).extracting(JsonNode::asText)
                .containsExactly("ACCOUNTS_READ", "ACCOUNTS_TRANSACTIONS_READ");
        assertThat(events).extracting(e -> e.path("event").path("sequence").asLong()).isSorted();

        // "Adicionar outra instituição": Banco Horizonte has no credit cards, so it keeps the rest only
        URI second = atBank(goTo(url, HORIZONTE), PERSON, "approve", List.of());
        String secondId = second.getQuery().substring("consent=".length());
        JsonNode atHorizonte = awaitConsent(secondId, c -> c.path("resources").size() == 2);
        assertThat(atHorizonte.path("transmitterConsentId").asText()).startsWith("urn:bancohorizonte:");
        assertThat(atHorizonte.path("groups")).extracting(JsonNode::asText).containsExactly("ACCOUNTS_TRANSACTIONS", "CREDIT_OPERATIONS");
        assertThat(atHorizonte.path("permissions")).extracting(JsonNode::asText)
                .noneMatch(permission -> permission.startsWith("CREDIT_CARDS")).contains("ACCOUNTS_TRANSACTIONS_READ", "LOANS_READ");
        assertThat(resources(atHorizonte)).containsOnlyKeys(HORIZONTE_ACCOUNT, HORIZONTE_LOAN);
        assertThat(Received.ofType(Received.until(http, stack, secondId, d -> Received.count(d, "sharing:resource:shared") == 2),
                "sharing:consent:created").get(0).path("data").path("permissions")).extracting(JsonNode::asText)
                .noneMatch(permission -> permission.startsWith("CREDIT_CARDS"));

        // "Concluir": back at the partner with the session id
        HttpResponse<String> finished = form(url + "/finish", Map.of());
        assertThat(finished.statusCode()).isEqualTo(303);
        URI back = URI.create(finished.headers().firstValue("location").orElseThrow());
        assertThat(back.toString()).startsWith(PARTNER_RETURN + "?");
        assertThat(DevHttp.query(back)).containsEntry("sessionId", sessionId).containsEntry("status", "FINISHED");
        JsonNode read = partner.send("GET", sessions() + "/" + sessionId, null, 200);
        assertThat(read.path("status").asText()).isEqualTo("FINISHED");
        assertThat(read.path("consents")).extracting(c -> c.path("transmitter").asText()).containsExactly(SANDBOX, HORIZONTE);
        List<JsonNode> sessionEvents = Received.untilType(http, stack, sessionId, "sharing:session:finished");
        assertThat(sessionEvents).extracting(e -> e.path("event").path("type").asText())
                .containsExactly("sharing:session:started", "sharing:session:finished");
        assertThat(sessionEvents.get(1).path("event").path("data").path("consents")).extracting(c -> c.path("consentId").asText())
                .containsExactly(first, secondId);
        // the session's screens are closed once it finished
        assertThat(page(URI.create(url)).statusCode()).isEqualTo(410);
    }

    @Test
    void aCompanysAccountsWaitForTheSecondApproverAndArriveWithTheMultipleApprovalEvent() throws Exception {
        String url = startAndConfirm(session(REPRESENTATIVE, COMPANY, List.of(group("ACCOUNTS_BALANCES", true, null),
                group("CREDIT_OPERATIONS", false, null)), 6), List.of("ACCOUNTS_BALANCES", "CREDIT_OPERATIONS"), "6");
        URI result = atBank(goTo(url, SANDBOX), REPRESENTATIVE, "approve", List.of());
        String consentId = result.getQuery().substring("consent=".length());
        JsonNode pending = awaitConsent(consentId, c -> c.path("resources").size() == 3);
        assertThat(pending.path("status").asText()).isEqualTo("AUTHORISED");
        assertThat(resources(pending)).containsEntry(COMPANY_ACCOUNT_1, "PENDING_AUTHORISATION")
                .containsEntry(COMPANY_ACCOUNT_2, "PENDING_AUTHORISATION").containsEntry(COMPANY_INVOICE_FINANCING, "AVAILABLE");
        List<JsonNode> waiting = Received.until(http, stack, consentId, d -> Received.count(d, "sharing:resource:pending") == 2
                && Received.count(d, "sharing:resource:shared") == 1);
        assertThat(Received.ofType(waiting, "sharing:resource:pending")).allSatisfy(e ->
                assertThat(Instant.parse(e.path("data").path("approvalDeadline").asText())).isAfter(Instant.now().plus(Duration.ofDays(14))));
        assertThat(Received.ofType(waiting, "sharing:resource:shared")).extracting(e -> e.path("data").path("resourceId").asText())
                .containsExactly(COMPANY_INVOICE_FINANCING);
        assertThat(page(result).body()).contains("pend"); // the result screen tells the user others must approve

        // a renewal without a new journey is refused for a consent of several approvers
        JsonNode refused = partner.sendWithKey("POST", consents() + "/" + consentId + "/extends", UUID.randomUUID().toString(),
                Map.of("durationMonths", 12, "customerIpAddress", "203.0.113.7", "customerUserAgent", "Mozilla/5.0"), 422);
        assertThat(refused.path("errors").path(0).path("code").asText()).isEqualTo("DEPENDE_MULTIPLA_ALCADA");

        // the second approver approves at the bank, on a page of their own; Ponte notices by itself
        String issuer = "https://localhost:" + stack.ports().sandboxTls();
        HttpResponse<String> approved = http.send(HttpRequest.newBuilder(URI.create(issuer + "/aprovacoes/"
                        + pending.path("transmitterConsentId").asText()))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("cpf=" + SECOND_APPROVER + "&decision=approve")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(303);
        List<JsonNode> events = Received.until(http, stack, consentId, d -> Received.count(d, "sharing:resource:multiple-approval") == 2);
        assertThat(Received.ofType(events, "sharing:resource:multiple-approval")).extracting(e -> e.path("data").path("resourceId").asText())
                .containsExactlyInAnyOrder(COMPANY_ACCOUNT_1, COMPANY_ACCOUNT_2);
        assertThat(Received.count(events, "sharing:resource:shared")).as("a multi-approver resource is told once, as such").isEqualTo(1);
        JsonNode available = partner.send("GET", consents() + "/" + consentId, null, 200);
        assertThat(resources(available)).allSatisfy((id, status) -> assertThat(status).isEqualTo("AVAILABLE"));
        assertThat(available.path("resources")).filteredOn(r -> r.path("resourceId").asText().startsWith("a969820e"))
                .allSatisfy(r -> assertThat(r.path("multipleApproval").asBoolean()).isTrue());
    }

    @Test
    void aUserWhoRefusesAtTheInstitutionSeesItAndThePartnerIsTold() throws Exception {
        String url = startAndConfirm(session(PERSON, null, List.of(group("ACCOUNTS_BALANCES", true, null)), 3),
                List.of("ACCOUNTS_BALANCES"), "3");
        URI result = atBank(goTo(url, SANDBOX), PERSON, "reject", List.of());
        String consentId = result.getQuery().substring("consent=".length());
        JsonNode rejected = partner.send("GET", consents() + "/" + consentId, null, 200);
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("rejection").path("rejectedBy").asText()).isEqualTo("USER");
        assertThat(rejected.path("rejection").path("reason").path("code").asText()).isEqualTo("CUSTOMER_MANUALLY_REJECTED");
        assertThat(Received.untilType(http, stack, consentId, "sharing:consent:rejected"))
                .extracting(e -> e.path("event").path("type").asText())
                .containsExactly("sharing:consent:created", "sharing:consent:rejected");
        assertThat(page(result).statusCode()).isEqualTo(200);
    }

    @Test
    void aSharingRevokedByThePartnerIsRevokedAtTheInstitutionToo() throws Exception {
        String consentId = sharedAccount(SANDBOX, PERSON);
        JsonNode before = partner.send("GET", consents() + "/" + consentId, null, 200);
        assertThat(sharedAtTheBank(SANDBOX, PERSON)).contains(before.path("transmitterConsentId").asText());

        partner.send("DELETE", consents() + "/" + consentId, null, 204);
        JsonNode revoked = partner.send("GET", consents() + "/" + consentId, null, 200);
        assertThat(revoked.path("status").asText()).isEqualTo("REJECTED");
        assertThat(revoked.path("revocation").path("revokedBy").asText()).isEqualTo("PARTNER");
        assertThat(revoked.path("revocation").path("channel").asText()).isEqualTo("PARTNER_API");
        assertThat(sharedAtTheBank(SANDBOX, PERSON)).doesNotContain(before.path("transmitterConsentId").asText());
        JsonNode event = Received.ofType(Received.untilType(http, stack, consentId, "sharing:consent:revoked"),
                "sharing:consent:revoked").get(0);
        assertThat(event.path("data").path("revokedBy").asText()).isEqualTo("PARTNER");
        // revoking again: it ended already
        assertThat(partner.send("DELETE", consents() + "/" + consentId, null, 422).path("errors").path(0).path("code").asText())
                .isEqualTo("CONSENTIMENTO_EM_STATUS_REJEITADO");
    }

    @Test
    void aRevocationAtTheInstitutionIsNoticedByPonteWithoutBeingTold() throws Exception {
        String consentId = sharedAccount(HORIZONTE, PERSON);
        String bankId = partner.send("GET", consents() + "/" + consentId, null, 200).path("transmitterConsentId").asText();
        HttpResponse<String> atBank = http.send(HttpRequest.newBuilder(URI.create(issuer(HORIZONTE) + "/compartilhamentos/"
                        + bankId + "/revogar"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("cpf=" + PERSON)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(atBank.statusCode()).as(atBank.body()).isEqualTo(303);

        JsonNode event = Received.ofType(Received.untilType(http, stack, consentId, "sharing:consent:revoked"),
                "sharing:consent:revoked").get(0);
        assertThat(event.path("data").path("revokedBy").asText()).isEqualTo("USER");
        assertThat(event.path("data").path("channel").asText()).isEqualTo("TRANSMITTER");
        assertThat(event.path("data").path("reasonCode").asText()).isEqualTo("CUSTOMER_MANUALLY_REVOKED");
        JsonNode revoked = partner.send("GET", consents() + "/" + consentId, null, 200);
        assertThat(revoked.path("status").asText()).isEqualTo("REJECTED");
        assertThat(revoked.path("revocation").path("channel").asText()).isEqualTo("TRANSMITTER");
    }

    @Test
    void theUserRevokesFromTheDashboardAndTheInstitutionIsToldToo() throws Exception {
        String consentId = sharedAccount(SANDBOX, PERSON);
        String bankId = partner.send("GET", consents() + "/" + consentId, null, 200).path("transmitterConsentId").asText();
        assertThat(sharedAtTheBank(SANDBOX, PERSON)).contains(bankId);

        // the partner's link to the user's dashboard; the same key gives the same link
        String key = UUID.randomUUID().toString();
        Map<String, Object> user = Map.of("loggedUser", Map.of("document", Map.of("identification", PERSON, "rel", "CPF")));
        JsonNode link = partner.sendWithKey("POST", "http://localhost:" + stack.ports().consent() + "/v1/sharing-dashboard-links",
                key, user, 201);
        assertThat(partner.sendWithKey("POST", "http://localhost:" + stack.ports().consent() + "/v1/sharing-dashboard-links",
                key, user, 201).path("url").asText()).isEqualTo(link.path("url").asText());

        // following it opens the dashboard (a cookie); the link serves once
        HttpResponse<String> opened = page(URI.create(link.path("url").asText()));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        String cookie = opened.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        assertThat(cookie).startsWith("ponte_dashboard=");
        String dashboard = "http://localhost:" + stack.ports().consent() + "/whitelabel/dashboard";
        HttpResponse<String> list = withCookie(dashboard, cookie);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("data-consent-id=\"" + consentId + "\"");

        // the confirmation screen states the consequences; confirming revokes, at the bank first
        HttpResponse<String> confirmation = withCookie(dashboard + "/consents/" + consentId + "/revoke", cookie);
        assertThat(confirmation.statusCode()).isEqualTo(200);
        assertThat(confirmation.body()).contains("id=\"consequences\"");
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(confirmation.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> withoutToken = http.send(HttpRequest.newBuilder(URI.create(dashboard + "/consents/" + consentId + "/revoke"))
                .header("cookie", cookie).header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=forged")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(URI.create(dashboard + "/consents/" + consentId + "/revoke"))
                .header("cookie", cookie).header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(303);

        JsonNode read = partner.send("GET", consents() + "/" + consentId, null, 200);
        assertThat(read.path("status").asText()).isEqualTo("REJECTED");
        assertThat(read.path("revocation").path("revokedBy").asText()).isEqualTo("USER");
        assertThat(read.path("revocation").path("channel").asText()).isEqualTo("PONTE");
        assertThat(sharedAtTheBank(SANDBOX, PERSON)).doesNotContain(bankId);
        JsonNode event = Received.ofType(Received.untilType(http, stack, consentId, "sharing:consent:revoked"),
                "sharing:consent:revoked").get(0);
        assertThat(event.path("data").path("revokedBy").asText()).isEqualTo("USER");
        assertThat(event.path("data").path("channel").asText()).isEqualTo("PONTE");
        // the history keeps it, in the inactive section
        assertThat(withCookie(dashboard, cookie).body()).contains("data-consent-id=\"" + consentId + "\" data-section=\"inactive\"");
    }

    @Test
    void anExpiryAtTheInstitutionIsNoticedAndAResourceBlockedThereIsTold() throws Exception {
        String consentId = sharedAccount(SANDBOX, PERSON);
        String bankId = partner.send("GET", consents() + "/" + consentId, null, 200).path("transmitterConsentId").asText();
        // the bank blocks the account for a while, then unblocks it
        control("/sandbox/brands/sandbox/resources/" + SAVINGS + "/status", Map.of("status", "TEMPORARILY_UNAVAILABLE"));
        try {
            JsonNode blocked = Received.ofType(Received.untilType(http, stack, consentId, "sharing:resource:status:changed"),
                    "sharing:resource:status:changed").get(0);
            assertThat(blocked.path("data").path("resourceId").asText()).isEqualTo(SAVINGS);
            assertThat(blocked.path("data").path("previousStatus").asText()).isEqualTo("AVAILABLE");
            assertThat(blocked.path("data").path("status").asText()).isEqualTo("TEMPORARILY_UNAVAILABLE");
        } finally {
            control("/sandbox/brands/sandbox/resources/" + SAVINGS + "/status", Map.of("status", "AVAILABLE"));
        }

        control("/sandbox/brands/sandbox/consents/" + bankId + "/expire", null);
        JsonNode expired = Received.ofType(Received.untilType(http, stack, consentId, "sharing:consent:expired"),
                "sharing:consent:expired").get(0);
        assertThat(expired.path("data").path("reasonCode").asText()).isEqualTo("CONSENT_MAX_DATE_REACHED");
        assertThat(expired.path("data").path("previousStatus").asText()).isEqualTo("AUTHORISED");
        JsonNode read = partner.send("GET", consents() + "/" + consentId, null, 200);
        assertThat(read.path("status").asText()).isEqualTo("REJECTED");
        assertThat(read.path("rejection").path("reason").path("code").asText()).isEqualTo("CONSENT_MAX_DATE_REACHED");
    }

    @Test
    void aSharingIsRenewedAtTheInstitutionWithoutANewJourney() throws Exception {
        String consentId = sharedAccount(HORIZONTE, PERSON);
        JsonNode before = partner.send("GET", consents() + "/" + consentId, null, 200);
        String key = UUID.randomUUID().toString();
        Map<String, Object> renewal = Map.of("durationMonths", 12, "customerIpAddress", "203.0.113.7",
                "customerUserAgent", "Mozilla/5.0 (Android 14)");
        JsonNode renewed = partner.sendWithKey("POST", consents() + "/" + consentId + "/extends", key, renewal, 200);
        Instant previous = Instant.parse(before.path("expirationDateTime").asText());
        Instant now = Instant.parse(renewed.path("expirationDateTime").asText());
        assertThat(now).isAfter(previous.plus(Duration.ofDays(200)));
        assertThat(renewed.path("extensions")).hasSize(1);
        assertThat(renewed.path("extensions").path(0).path("requestedBy").asText()).isEqualTo("PARTNER");
        // the same key again: answered, not renewed twice
        assertThat(partner.sendWithKey("POST", consents() + "/" + consentId + "/extends", key, renewal, 200)
                .path("extensions")).hasSize(1);
        JsonNode event = Received.ofType(Received.untilType(http, stack, consentId, "sharing:consent:extended"),
                "sharing:consent:extended").get(0);
        assertThat(Instant.parse(event.path("data").path("previousExpirationDateTime").asText())).isEqualTo(previous);
        assertThat(Instant.parse(event.path("data").path("expirationDateTime").asText())).isEqualTo(now);
    }

    @Test
    void anotherPartnersIdsAreAnswered404() throws Exception {
        String consentId = sharedAccount(SANDBOX, PERSON);
        String sessionId = partner.send("GET", consents() + "/" + consentId, null, 200).path("sessionId").asText();
        otherPartner.send("GET", sessions() + "/" + sessionId, null, 404);
        otherPartner.send("GET", consents() + "/" + consentId, null, 404);
        otherPartner.send("DELETE", consents() + "/" + consentId, null, 404);
        otherPartner.sendWithKey("POST", consents() + "/" + consentId + "/extends", UUID.randomUUID().toString(),
                Map.of("durationMonths", 12, "customerIpAddress", "203.0.113.7", "customerUserAgent", "x"), 404);
        assertThat(otherPartner.send("GET", consents() + "?sessionId=" + sessionId, null, 200).path("data")).isEmpty();
        // nor does collection-service serve another partner's collected data, its budget or a refresh
        for (String path : List.of("/resources", "/accounts", "/budget")) {
            assertThat(otherPartner.send("GET", collection(consentId) + path, null, 404).path("errors").path(0).path("code").asText())
                    .isEqualTo("NAO_ENCONTRADO");
        }
        otherPartner.send("POST", collection(consentId) + "/refresh", null, 404);
        assertThat(partner.send("GET", consents() + "/" + consentId, null, 200).path("status").asText()).isEqualTo("AUTHORISED");
    }

    // ---- collection: what the user shared, collected within the bank's limits and served to the partner ----

    @Test
    void theSharedDataIsCollectedAndServedToThePartnerFieldForFieldAsTheBankHoldsIt() throws Exception {
        String url = startAndConfirm(session(PERSON, null, List.of(group("CUSTOMERS_PERSONAL_IDENTIFICATIONS", true, null),
                group("ACCOUNTS_BALANCES", true, null), group("ACCOUNTS_TRANSACTIONS", true, null),
                group("CREDIT_CARDS_LIMITS", false, null), group("CREDIT_CARDS_BILLS", false, null),
                group("CREDIT_OPERATIONS", false, null)), 12), List.of("CUSTOMERS_PERSONAL_IDENTIFICATIONS",
                "ACCOUNTS_BALANCES", "ACCOUNTS_TRANSACTIONS", "CREDIT_CARDS_LIMITS", "CREDIT_CARDS_BILLS", "CREDIT_OPERATIONS"), "12");
        String consentId = atBank(goTo(url, SANDBOX), PERSON, "approve", List.of(CHECKING, VISA)).getQuery().substring("consent=".length());
        List<JsonNode> events = Received.until(http, stack, "collection:" + consentId, d -> Received.ofType(d, "collection:finished").stream()
                .map(e -> e.path("data").path("group").asText()).collect(Collectors.toSet())
                .containsAll(List.of("REGISTRATION", "ACCOUNTS", "CREDIT_CARDS", "CREDIT_OPERATIONS")));
        assertThat(Received.ofType(events, "collection:started")).isNotEmpty();
        JsonNode accounts = Received.ofType(events, "collection:finished").stream()
                .filter(e -> e.path("data").path("group").asText().equals("ACCOUNTS")).findFirst().orElseThrow();
        assertThat(accounts.path("data").path("counts").path("ACCOUNT_TRANSACTION").asInt()).isGreaterThan(10_000);

        // what the partner reads is what the bank answers, field for field (read here with the user's token)
        Bank bank = Bank.of(consentId, SANDBOX);
        assertSame(collected(consentId, "/customers/personal/identifications"), bank.get("/open-banking/customers/v2/personal/identifications"));
        assertSame(collected(consentId, "/accounts"), bank.get("/open-banking/accounts/v2/accounts?page=1&page-size=1000"));
        assertSame(collected(consentId, "/accounts/" + CHECKING), bank.get("/open-banking/accounts/v2/accounts/" + CHECKING));
        assertSame(collected(consentId, "/accounts/" + CHECKING + "/balances"),
                bank.get("/open-banking/accounts/v2/accounts/" + CHECKING + "/balances"));
        assertSame(collected(consentId, "/credit-cards-accounts"),
                bank.get("/open-banking/credit-cards-accounts/v2/accounts?page=1&page-size=1000"));
        assertSame(collected(consentId, "/credit-cards-accounts/" + VISA + "/limits"),
                bank.get("/open-banking/credit-cards-accounts/v2/accounts/" + VISA + "/limits"));
        assertSame(collected(consentId, "/loans"), bank.get("/open-banking/loans/v2/contracts?page=1&page-size=1000"));
        String loan = "4bc54e2d-7da6-48ac-aa36-0555094da7f6";
        for (String part : List.of("", "/warranties", "/scheduled-instalments", "/payments")) {
            assertSame(collected(consentId, "/loans/" + loan + part), bank.get("/open-banking/loans/v2/contracts/" + loan + part
                    + (part.isEmpty() || part.equals("/scheduled-instalments") ? "" : "?page=1&page-size=1000")));
        }
        // every transaction of the year, and the scheduled ones of the month ahead, as the bank's own books have them
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("America/Sao_Paulo"));
        JsonNode books = control("GET", "/sandbox/brands/sandbox/accounts/" + CHECKING + "/transactions?fromBookingDate="
                + today.minusMonths(12) + "&toBookingDate=" + today.plusDays(31), null);
        JsonNode all = collected(consentId, "/accounts/" + CHECKING + "/transactions?all=true");
        assertThat(all.path("meta").path("collectedAt").asText()).isNotBlank();
        assertThat(all.path("meta").path("source").asText()).isEqualTo("CACHE");
        assertThat(byId(all.path("data"))).isEqualTo(byId(books.path("data")));
        // a page at a time with the cursor gives the same, each once
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = collected(consentId, "/accounts/" + CHECKING + "/transactions?page-size=1000"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            page.path("data").forEach(t -> paged.add(t.path("transactionId").asText()));
            cursor = page.path("meta").path("cursor").asText(null);
        } while (cursor != null);
        assertThat(paged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(byId(books.path("data")).keySet());

        // bad cursors, dates and ranges get Open Finance errors; another partner sees nothing
        assertThat(collectedError(consentId, "/accounts/" + CHECKING + "/transactions?cursor=nonsense", 400)).isEqualTo("PARAMETRO_INVALIDO");
        assertThat(collectedError(consentId, "/accounts/" + CHECKING + "/transactions?fromBookingDate=2026-13-01", 400))
                .isEqualTo("PARAMETRO_INVALIDO");
        assertThat(collectedError(consentId, "/accounts/" + CHECKING + "/transactions?fromBookingDate=" + today
                + "&toBookingDate=" + today.minusDays(3), 422)).isEqualTo("INTERVALO_INVALIDO");
        assertThat(otherPartner.send("GET", collection(consentId) + "/accounts", null, 404).path("errors").path(0).path("code").asText())
                .isEqualTo("NAO_ENCONTRADO");
        otherPartner.send("GET", collection(consentId) + "/budget", null, 404);
        assertThat(partner.send("GET", "http://localhost:" + stack.ports().collection() + "/v1/transactions/changes?since=x", null, 400)
                .path("errors").path(0).path("code").asText()).isEqualTo("PARAMETRO_INVALIDO");
    }

    @Test
    void newPostedAndBackdatedTransactionsArriveOnceEachInTheChangeFeedAfterAScheduledRefresh() throws Exception {
        String consentId = collectedAccounts(PERSON);
        String cursor = caughtUp(null);

        // at the bank: three new transactions, two backdated ones, and the scheduled ones posted (same ids)
        JsonNode advanced = control("POST", "/sandbox/brands/sandbox/accounts/" + CHECKING + "/advance",
                Map.of("newTransactions", 3, "backdatedTransactions", 2, "postScheduled", true));
        List<String> appeared = new ArrayList<>();
        List<String> posted = new ArrayList<>();
        advanced.path("appeared").forEach(id -> appeared.add(id.asText()));
        advanced.path("backdated").forEach(id -> appeared.add(id.asText()));
        advanced.path("posted").forEach(id -> posted.add(id.asText()));
        assertThat(appeared).hasSize(5).doesNotHaveDuplicates();
        assertThat(posted).as("the account had transactions scheduled in the month ahead").isNotEmpty();

        // Ponte's scheduled refresh (every 8 s here) reads the recent window; the partner reads the feed from where it was,
        // two at a time, until every change is in
        Map<String, String> changes = new HashMap<>();
        List<String> seen = new ArrayList<>();
        String next = cursor;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!changes.keySet().containsAll(appeared) || !changes.keySet().containsAll(posted)) {
            assertThat(System.nanoTime()).as("the changes arrive: " + changes).isLessThan(deadline);
            JsonNode feed = partner.send("GET", "http://localhost:" + stack.ports().collection() + "/v1/transactions/changes?since="
                    + next + "&limit=2", null, 200);
            for (JsonNode item : feed.path("data")) {
                if (item.path("consentId").asText().equals(consentId)) {
                    String id = item.path("transaction").path("transactionId").asText();
                    seen.add(id);
                    changes.put(id, item.path("change").asText());
                }
            }
            next = feed.path("meta").path("cursor").asText();
            if (!feed.path("meta").path("hasMore").asBoolean()) {
                Thread.sleep(500);
            }
        }
        assertThat(Received.ofType(Received.untilType(http, stack, "collection:" + consentId, "collection:transactions:available"),
                "collection:transactions:available")).isNotEmpty();
        assertThat(seen).as("every change once, across pages").doesNotHaveDuplicates();
        appeared.forEach(id -> assertThat(changes).containsEntry(id, "CREATED"));
        posted.forEach(id -> assertThat(changes).containsEntry(id, "UPDATED"));
        // caught up: nothing more, and a cursor beyond the feed is refused
        assertThat(partner.send("GET", "http://localhost:" + stack.ports().collection() + "/v1/transactions/changes?since=" + next,
                null, 200).path("data")).noneMatch(item -> item.path("consentId").asText().equals(consentId));
        assertThat(partner.send("GET", "http://localhost:" + stack.ports().collection() + "/v1/transactions/changes?since="
                + (Long.parseLong(next) + 1_000_000), null, 422).path("errors").path(0).path("code").asText()).isEqualTo("CURSOR_INVALIDO");
    }

    @Test
    void theBanksRefusalIsHonouredAndTheBudgetSpentIsShownUntilLiveReadsAreRefusedWhileCachedOnesGoOn() throws Exception {
        String consentId = collectedAccounts(PERSON);
        String bankId = partner.send("GET", consents() + "/" + consentId, null, 200).path("transmitterConsentId").asText();
        JsonNode before = partner.send("GET", collection(consentId) + "/budget", null, 200);
        int usedBefore = balancesUsed(before);
        assertThat(usedBefore).isEqualTo(1);

        // the bank refuses the next call (429, Retry-After 3 s): Ponte waits and completes the refresh after it
        control("POST", "/sandbox/brands/sandbox/consents/" + bankId + "/usage/throttle", Map.of("calls", 1, "retryAfterSeconds", 3));
        JsonNode refresh = partner.sendWithKey("POST", collection(consentId) + "/refresh", UUID.randomUUID().toString(),
                Map.of("groups", List.of("ACCOUNTS")), 202);
        String run = refresh.path("data").path("collections").path(0).path("collectionId").asText();
        List<JsonNode> events = Received.until(http, stack, "collection:" + consentId, d -> Received.ofType(d, "collection:finished").stream()
                .anyMatch(e -> e.path("data").path("collectionId").asText().equals(run)));
        assertThat(Received.ofType(events, "collection:finished").stream().filter(e -> e.path("data").path("collectionId").asText()
                .equals(run)).findFirst().orElseThrow().path("data").path("failedOperations")).isEmpty();
        JsonNode budget = partner.send("GET", collection(consentId) + "/budget", null, 200);
        assertThat(StreamSupport.stream(budget.path("data").path("operations").spliterator(), false)
                .mapToInt(o -> o.path("throttled").asInt()).sum()).as("the bank's 429 is counted").isGreaterThanOrEqualTo(1);

        // live reads spend the budget (the reserve too) until none is left; cached reads go on
        int used = balancesUsed(budget);
        while (used < 4) {
            JsonNode live = partner.send("GET", collection(consentId) + "/accounts/" + CHECKING + "/balances?live=true", null, 200);
            assertThat(live.path("meta").path("source").asText()).isEqualTo("LIVE");
            int now = balancesUsed(partner.send("GET", collection(consentId) + "/budget", null, 200));
            assertThat(now).as("each live read spends one call").isEqualTo(used + 1);
            used = now;
        }
        assertThat(partner.send("GET", collection(consentId) + "/accounts/" + CHECKING + "/balances?live=true", null, 429)
                .path("errors").path(0).path("code").asText()).isEqualTo("LIMITE_OPERACIONAL_ATINGIDO");
        JsonNode cached = partner.send("GET", collection(consentId) + "/accounts/" + CHECKING + "/balances", null, 200);
        assertThat(cached.path("meta").path("source").asText()).isEqualTo("CACHE");
        assertThat(Received.untilType(http, stack, "collection:" + consentId, "collection:budget:low")).isNotEmpty();
    }

    @Test
    void aRevokedSharingStopsBeingCollectedAndItsDataIsDeleted() throws Exception {
        String consentId = collectedAccounts(PERSON);
        assertThat(collectedRows(consentId)).isGreaterThan(10_000);
        partner.send("DELETE", consents() + "/" + consentId, null, 204);
        JsonNode deleted = Received.ofType(Received.untilType(http, stack, "collection:" + consentId, "collection:data:deleted"),
                "collection:data:deleted").get(0);
        assertThat(deleted.path("data").toString()).contains("ACCOUNT_TRANSACTION");
        assertThat(collectedRows(consentId)).as("nothing of the consent is left in collection-service's database").isZero();
        partner.send("GET", collection(consentId) + "/accounts", null, 404);
    }

    /** A new consent of {@code cpf}'s accounts at Banco Sandbox Ponte (checking only), its first collection done. */
    private static String collectedAccounts(String cpf) throws Exception {
        String url = startAndConfirm(session(cpf, null, List.of(group("ACCOUNTS_BALANCES", true, null),
                group("ACCOUNTS_TRANSACTIONS", true, null)), 12), List.of("ACCOUNTS_BALANCES", "ACCOUNTS_TRANSACTIONS"), "12");
        String consentId = atBank(goTo(url, SANDBOX), cpf, "approve", List.of(CHECKING)).getQuery().substring("consent=".length());
        Received.until(http, stack, "collection:" + consentId, d -> Received.ofType(d, "collection:finished").stream()
                .anyMatch(e -> e.path("data").path("group").asText().equals("ACCOUNTS")));
        return consentId;
    }

    /** The change feed's cursor once everything before now has been read. */
    private static String caughtUp(String since) throws Exception {
        String cursor = since == null ? "0" : since;
        while (true) {
            JsonNode feed = partner.send("GET", "http://localhost:" + stack.ports().collection() + "/v1/transactions/changes?since="
                    + cursor + "&limit=1000", null, 200);
            cursor = feed.path("meta").path("cursor").asText();
            if (!feed.path("meta").path("hasMore").asBoolean()) {
                return cursor;
            }
        }
    }

    private static int balancesUsed(JsonNode budget) {
        return StreamSupport.stream(budget.path("data").path("operations").spliterator(), false)
                .filter(o -> o.path("operation").asText().equals("ACCOUNT_BALANCES")).mapToInt(o -> o.path("used").asInt()).sum();
    }

    private static long collectedRows(String consentId) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + stack.ports().postgres()
                + "/collection", "postgres", "postgres")) {
            java.sql.ResultSet rs = c.createStatement().executeQuery("select (select count(*) from collected_transaction where consent_id = '"
                    + consentId + "') + (select count(*) from stored_answer where consent_id = '" + consentId + "')");
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String collection(String consentId) {
        return "http://localhost:" + stack.ports().collection() + "/v1/sharing-consents/" + consentId;
    }

    private static JsonNode collected(String consentId, String path) throws Exception {
        return partner.send("GET", collection(consentId) + path, null, 200);
    }

    private static String collectedError(String consentId, String path, int status) throws Exception {
        return partner.send("GET", collection(consentId) + path, null, status).path("errors").path(0).path("code").asText();
    }

    /** Equal field for field, but for the times the bank stamps on an answer (when it answered). */
    private static void assertSame(JsonNode collected, JsonNode atBank) {
        assertThat(withoutReadTimes(collected.path("data"))).isEqualTo(withoutReadTimes(atBank.path("data")));
    }

    private static JsonNode withoutReadTimes(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.remove(List.of("updateDateTime", "lastUpdatedContractOutstandingBalance"));
        }
        node.forEach(SharingJourneyIT::strip);
    }

    private static Map<String, JsonNode> byId(JsonNode transactions) {
        Map<String, JsonNode> map = new HashMap<>();
        transactions.forEach(t -> map.put(t.path("transactionId").asText(), t));
        return map;
    }

    /** The institution's data APIs read directly with the user's token (from consent-service's grant API) over mutual TLS. */
    record Bank(String issuer, String token, HttpClient client) {

        static Bank of(String consentId, String institution) throws Exception {
            String secret = stack.secrets().serviceSecrets().get("collection-service");
            HttpResponse<String> grant = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + stack.ports().consent()
                            + "/internal/v1/consents/" + consentId + "/grant"))
                    .header("authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("collection-service:" + secret)
                            .getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
            return new Bank(SharingJourneyIT.issuer(institution), JSON.readTree(grant.body()).path("accessToken").asText(), partner.mutualTls());
        }

        JsonNode get(String path) throws Exception {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(issuer + path))
                    .header("authorization", "Bearer " + token).header("accept", "application/json")
                    .header("x-fapi-interaction-id", UUID.randomUUID().toString()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body());
        }
    }

    // ---- the journey, driven as a browser would submit the screens' forms ----

    /** A session for {@code cpf} (and company), shared with {@code bank}: the consent id, authorised. */
    private static String sharedAccount(String bank, String cpf) throws Exception {
        String url = startAndConfirm(session(cpf, null, List.of(group("ACCOUNTS_BALANCES", true, null)), 3),
                List.of("ACCOUNTS_BALANCES"), "3");
        URI result = atBank(goTo(url, bank), cpf, "approve", List.of());
        String consentId = result.getQuery().substring("consent=".length());
        awaitConsent(consentId, c -> "AUTHORISED".equals(c.path("status").asText()) && c.path("resources").size() > 0);
        return consentId;
    }

    private static String startAndConfirm(Map<String, Object> request, List<String> groups, String duration) throws Exception {
        String url = partner.sendWithKey("POST", sessions(), UUID.randomUUID().toString(), request, 201).path("url").asText();
        confirmData(url, groups, duration);
        return url;
    }

    private static void confirmData(String url, List<String> groups, String duration) throws Exception {
        assertThat(page(URI.create(url)).statusCode()).isEqualTo(200);
        StringBuilder form = new StringBuilder("duration=" + duration);
        groups.forEach(group -> form.append("&group=").append(group));
        HttpResponse<String> confirmed = post(url + "/data", form.toString());
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(303);
        assertThat(confirmed.headers().firstValue("location").orElseThrow()).endsWith("/institutions");
    }

    /** Chooses the institution; answers where the redirect screen sends the user by itself (the bank's page). */
    private static String goTo(String url, String bank) throws Exception {
        HttpResponse<String> redirect = form(url + "/institution", Map.of("bank", bank));
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(200);
        Matcher refresh = REFRESH.matcher(redirect.body());
        assertThat(refresh.find()).as("the redirect screen needs no click: " + redirect.body()).isTrue();
        String authorisationUrl = refresh.group(1).replace("&amp;", "&");
        assertThat(authorisationUrl).startsWith(issuer(bank) + "/authorize?");
        return authorisationUrl;
    }

    /**
     * The user at the institution's page: logs in with {@code cpf}, keeps {@code selected} accounts and
     * cards (all when empty) and decides; the browser follows the redirect to Ponte's callback page,
     * whose script posts the bank's answer back. Answers where Ponte then sends the user.
     */
    private static URI atBank(String authorisationUrl, String cpf, String decision, List<String> selected) throws Exception {
        Map<String, String> query = DevHttp.query(URI.create(authorisationUrl));
        StringBuilder form = new StringBuilder("request_uri=" + URLEncoder.encode(query.get("request_uri"), StandardCharsets.UTF_8)
                + "&client_id=" + URLEncoder.encode(query.get("client_id"), StandardCharsets.UTF_8)
                + "&cpf=" + cpf + "&decision=" + decision);
        if (!selected.isEmpty()) {
            form.append("&selection=explicit");
            selected.forEach(id -> form.append("&resource=").append(id));
        }
        HttpResponse<String> atBank = post(authorisationUrl.substring(0, authorisationUrl.indexOf('?')), form.toString());
        assertThat(atBank.statusCode()).as(atBank.body()).isEqualTo(303);
        String location = atBank.headers().firstValue("location").orElseThrow();
        String callback = "http://localhost:" + stack.ports().consent() + "/v1/authorisations/callback";
        // Banco Sandbox Ponte offers JARM, so Ponte asked it for one signed JWT in the query; Banco Horizonte
        // offers only the hybrid flow, whose code and id_token come in the fragment
        boolean jarm = !authorisationUrl.contains("/horizonte/");
        assertThat(location).startsWith(callback + (jarm ? "?response=" : "#"));
        HttpResponse<String> back = post(callback, location.substring(location.indexOf(jarm ? '?' : '#') + 1));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        return URI.create(back.headers().firstValue("location").orElseThrow());
    }

    /** The consent as the partner reads it, once {@code ready} holds (Ponte reads resources after the return). */
    private static JsonNode awaitConsent(String consentId, java.util.function.Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
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

    /** The bank's own list of the user's authorised sharings (its page), as bank consent ids. */
    private static String sharedAtTheBank(String bank, String cpf) throws Exception {
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(issuer(bank) + "/compartilhamentos?cpf=" + cpf))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        return list.body();
    }

    private static void control(String path, Object body) throws Exception {
        control("POST", path, body);
    }

    /** A development control of sandbox-bank (plain HTTP); its JSON answer (empty for 204). */
    private static JsonNode control(String method, String path, Object body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + stack.ports().sandbox() + path))
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isIn(200, 204);
        return answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
    }

    private static Map<String, String> resources(JsonNode consent) {
        Map<String, String> statuses = new HashMap<>();
        consent.path("resources").forEach(r -> statuses.put(r.path("resourceId").asText(), r.path("status").asText()));
        return statuses;
    }

    static Map<String, Object> session(String cpf, String cnpj, List<Map<String, Object>> groups, int months) {
        Map<String, Object> request = new HashMap<>();
        request.put("loggedUser", Map.of("document", Map.of("identification", cpf, "rel", "CPF")));
        if (cnpj != null) {
            request.put("businessEntity", Map.of("document", Map.of("identification", cnpj, "rel", "CNPJ")));
        }
        request.put("purpose", "Análise de crédito para oferecer um empréstimo com juros menores");
        request.put("permissionGroups", groups);
        request.put("durationMonths", months);
        request.put("redirectUri", PARTNER_RETURN);
        return request;
    }

    static Map<String, Object> group(String name, boolean mandatory, String justification) {
        Map<String, Object> group = new HashMap<>(Map.of("group", name, "mandatory", mandatory));
        if (justification != null) {
            group.put("justification", justification);
        }
        return group;
    }

    private static HttpResponse<String> page(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> withCookie(String url, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> form(String url, Map<String, String> fields) throws Exception {
        return post(url, fields.entrySet().stream().map(f -> f.getKey() + "=" + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    private static HttpResponse<String> post(String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String issuer(String bank) {
        return "https://localhost:" + stack.ports().sandboxTls() + (HORIZONTE.equals(bank) ? "/horizonte" : "");
    }

    private static String sessions() {
        return "http://localhost:" + stack.ports().consent() + "/v1/sharing-sessions";
    }

    private static String consents() {
        return "http://localhost:" + stack.ports().consent() + "/v1/sharing-consents";
    }

    private static javax.net.ssl.SSLContext sslOf(TestPartner partner) {
        return partner.http().sslContext();
    }
}
