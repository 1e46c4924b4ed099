package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.fapi.Receiver.Grant;
import br.com.ponte.sandbox.fapi.Tpp.Authorization;
import br.com.ponte.sandbox.sharing.Customers;
import br.com.ponte.sandbox.sharing.Customers.Product;
import br.com.ponte.sandbox.sharing.ResourceType;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static br.com.ponte.sandbox.fapi.DynamicClientRegistrationIT.error;
import static br.com.ponte.sandbox.fapi.Receiver.ACCOUNTS;
import static br.com.ponte.sandbox.fapi.Receiver.CARDS;
import static br.com.ponte.sandbox.fapi.Receiver.CREDIT_OPERATIONS;
import static br.com.ponte.sandbox.fapi.Receiver.PERSONAL_REGISTRATION;
import static br.com.ponte.sandbox.fapi.Receiver.assertRefused;
import static br.com.ponte.sandbox.fapi.Receiver.consentRequest;
import static br.com.ponte.sandbox.fapi.Receiver.permissions;
import static br.com.ponte.sandbox.fapi.Software.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * A data-sharing consent from the user's side: the bank's page (who may approve, which accounts and
 * cards to share), the resources API showing what was shared and how the bank holds it, and the ways
 * a consent ends: rejected, revoked at the bank or by the receiving institution, expired by its date
 * or by a development control. Every answer is checked against the specs.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class SharingJourneyIT {

    private static final String CPF = Customers.PERSON_CPF;

    @Test
    void theUserChoosesAccountsAndCardsAndTheResourcesListShowsThemWithTheCreditOperations() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        String consentId = receiver.createConsentId(consentRequest(CPF,
                permissions(PERSONAL_REGISTRATION, ACCOUNTS, CARDS, CREDIT_OPERATIONS), null));
        String checking = product(Brand.SANDBOX, CPF, ResourceType.ACCOUNT, 0);
        String savings = product(Brand.SANDBOX, CPF, ResourceType.ACCOUNT, 1);
        String visa = product(Brand.SANDBOX, CPF, ResourceType.CREDIT_CARD_ACCOUNT, 0);
        Authorization authorization = receiver.authorization(consentId);
        String requestUri = receiver.tpp.push(authorization);

        HttpResponse<String> page = receiver.page(requestUri);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"pt-BR\"", "Dados cadastrais (pessoa física)", "Saldos das contas",
                "Limites dos cartões", "Dados dos contratos de operações de crédito", "Prazo indeterminado",
                "<legend>Contas a compartilhar", "<legend>Cartões de crédito a compartilhar",
                "name=\"selection\" value=\"explicit\"", "Conta poupança, agência 0001, conta 65432-1",
                "for=\"r-" + savings + "\"", "value=\"" + visa + "\" checked", "Empréstimos: Empréstimo pessoal");

        HttpResponse<String> redirect = receiver.decide(requestUri, CPF, "approve", List.of(checking, visa), true);
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(303);
        Grant grant = receiver.exchange(redirect, authorization);

        assertThat(receiver.consent(consentId).get("status").asText()).isEqualTo("AUTHORISED");
        JsonNode resources = receiver.resources(grant.accessToken());
        assertThat(resources.get("data")).extracting(resource -> resource.get("type").asText() + " "
                        + resource.get("resourceId").asText() + " " + resource.get("status").asText())
                .containsExactly("ACCOUNT " + checking + " AVAILABLE", "CREDIT_CARD_ACCOUNT " + visa + " AVAILABLE",
                        "LOAN " + product(Brand.SANDBOX, CPF, ResourceType.LOAN, 0) + " AVAILABLE",
                        "FINANCING " + product(Brand.SANDBOX, CPF, ResourceType.FINANCING, 0) + " AVAILABLE",
                        "UNARRANGED_ACCOUNT_OVERDRAFT "
                                + product(Brand.SANDBOX, CPF, ResourceType.UNARRANGED_ACCOUNT_OVERDRAFT, 0) + " AVAILABLE",
                        "INVOICE_FINANCING " + product(Brand.SANDBOX, CPF, ResourceType.INVOICE_FINANCING, 0)
                                + " AVAILABLE");
        assertThat(resources.at("/meta/totalRecords").asInt()).isEqualTo(6);
        assertThat(resources.at("/meta/totalPages").asInt()).isEqualTo(1);
        assertThat(resources.at("/links/self").asText()).isEqualTo(receiver.tpp.url(Receiver.RESOURCES
                + "?page=1&page-size=25"));

        HttpResponse<String> secondPage = receiver.resourcesCall(grant.accessToken(), "?page=2&page-size=10");
        assertThat(secondPage.statusCode()).isEqualTo(200);
        JsonNode empty = Json.of(secondPage);
        SharingSpecCheck.assertValidResources("ResponseResourceList", empty);
        assertThat(empty.get("data")).isEmpty();
        assertThat(empty.at("/links/first").asText()).endsWith("?page=1&page-size=25");
        HttpResponse<String> oversized = receiver.resourcesCall(grant.accessToken(), "?page-size=1001");
        assertThat(oversized.statusCode()).isEqualTo(422);
        SharingSpecCheck.assertValidResources("ResponseErrorWithAbleAdditionalProperties", Json.of(oversized));
    }

    @Test
    void withoutAChoiceEverythingOfferedIsSharedWithTheSameIdsInEveryConsent() {
        Receiver receiver = Receiver.register(Brand.HORIZONTE);
        String account = product(Brand.HORIZONTE, CPF, ResourceType.ACCOUNT, 0);
        String loan = product(Brand.HORIZONTE, CPF, ResourceType.LOAN, 0);

        Grant first = receiver.authorise(receiver.createConsentId(consentRequest(CPF, permissions(ACCOUNTS,
                CREDIT_OPERATIONS), null)), CPF);
        Grant second = receiver.authorise(receiver.createConsentId(consentRequest(CPF, ACCOUNTS, null)), CPF);

        assertThat(receiver.statuses(first.accessToken())).containsExactly(entry(account, "AVAILABLE"),
                entry(loan, "AVAILABLE"));
        assertThat(receiver.statuses(second.accessToken())).containsExactly(entry(account, "AVAILABLE"));
    }

    @Test
    void onlyTheLoggedUserMayApproveAndTheRequestStaysUsable() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        String consentId = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, null));
        Authorization authorization = receiver.authorization(consentId);
        String requestUri = receiver.tpp.push(authorization);

        HttpResponse<String> someoneElse = receiver.decide(requestUri, Customers.NO_PRODUCTS_CPF, "approve", List.of(),
                false);
        assertThat(someoneElse.statusCode()).isEqualTo(400);
        assertThat(someoneElse.body()).contains("role=\"alert\"", "aria-invalid=\"true\"",
                "Este CPF não é o do cliente que pediu o compartilhamento");
        assertThat(receiver.consent(consentId).get("status").asText()).isEqualTo("AWAITING_AUTHORISATION");

        HttpResponse<String> nothingTicked = receiver.decide(requestUri, CPF, "approve", List.of(), true);
        assertThat(nothingTicked.statusCode()).isEqualTo(400);
        assertThat(nothingTicked.body()).contains("Escolha ao menos um item de contas");
        HttpResponse<String> unknown = receiver.decide(requestUri, CPF, "approve",
                List.of(product(Brand.SANDBOX, CPF, ResourceType.CREDIT_CARD_ACCOUNT, 0)), true);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Escolha apenas contas e cartões da lista");

        HttpResponse<String> approved = receiver.decide(requestUri, CPF, "approve",
                List.of(product(Brand.SANDBOX, CPF, ResourceType.ACCOUNT, 1)), true);
        assertThat(approved.statusCode()).isEqualTo(303);
        assertThat(receiver.statuses(receiver.exchange(approved, authorization).accessToken()))
                .containsOnlyKeys(product(Brand.SANDBOX, CPF, ResourceType.ACCOUNT, 1));
    }

    @Test
    void theUserRejectsAtTheBank() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        String consentId = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, null));

        HttpResponse<String> redirect = receiver.decide(receiver.tpp.push(receiver.authorization(consentId)), "",
                "reject", List.of(), false);

        assertThat(AuthorizationResponse.read(redirect.headers().firstValue("Location").orElseThrow(),
                receiver.tpp.clientId)).containsEntry("error", "access_denied");
        JsonNode consent = receiver.consent(consentId);
        assertThat(consent.get("status").asText()).isEqualTo("REJECTED");
        assertThat(consent.at("/rejection/rejectedBy").asText()).isEqualTo("USER");
        assertThat(consent.at("/rejection/reason/code").asText()).isEqualTo("CUSTOMER_MANUALLY_REJECTED");
    }

    @Test
    void aConsentRevokedAtTheBankEndsItsTokens() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        String consentId = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, null));
        Grant grant = receiver.authorise(consentId, CPF);

        HttpResponse<String> list = call(() -> TlsClient.anonymous().get(receiver.tpp.url("/compartilhamentos?cpf=" + CPF)));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Ponte test client", "Saldos das contas", "/compartilhamentos/" + consentId
                + "/revogar");
        HttpResponse<String> someoneElse = call(() -> TlsClient.anonymous().postForm(
                receiver.tpp.url("/compartilhamentos/" + consentId + "/revogar"), Map.of("cpf", Customers.NO_PRODUCTS_CPF)));
        assertThat(someoneElse.statusCode()).isEqualTo(404);
        HttpResponse<String> revoked = call(() -> TlsClient.anonymous().postForm(
                receiver.tpp.url("/compartilhamentos/" + consentId + "/revogar"), Map.of("cpf", CPF)));
        assertThat(revoked.statusCode()).isEqualTo(303);

        JsonNode consent = receiver.consent(consentId);
        assertThat(consent.get("status").asText()).isEqualTo("REJECTED");
        assertThat(consent.at("/rejection/rejectedBy").asText()).isEqualTo("USER");
        assertThat(consent.at("/rejection/reason/code").asText()).isEqualTo("CUSTOMER_MANUALLY_REVOKED");
        assertRefused(receiver.resourcesCall(grant.accessToken(), ""), 401, "ResponseError", "UNAUTHORIZED");
        HttpResponse<String> refreshed = receiver.tpp.token(Map.of("grant_type", "refresh_token", "refresh_token",
                grant.refreshToken()));
        assertThat(refreshed.statusCode()).isEqualTo(400);
        assertThat(error(refreshed)).isEqualTo("invalid_grant");
        assertRefused(receiver.deleteConsent(consentId), 422, "ResponseErrorUnprocessableEntityDelete",
                "CONSENTIMENTO_EM_STATUS_REJEITADO");
        assertThat(call(() -> TlsClient.anonymous().get(receiver.tpp.url("/compartilhamentos?cpf=" + CPF))).body())
                .doesNotContain(consentId);
    }

    @Test
    void aConsentDeletedByTheReceivingInstitutionIsRevokedByTheUser() {
        Receiver receiver = Receiver.register(Brand.HORIZONTE);
        String consentId = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, null));
        Grant grant = receiver.authorise(consentId, CPF);
        assertThat(receiver.resourcesCall(grant.accessToken(), "").statusCode()).isEqualTo(200);

        assertThat(receiver.deleteConsent(consentId).statusCode()).isEqualTo(204);

        JsonNode consent = receiver.consent(consentId);
        assertThat(consent.at("/rejection/rejectedBy").asText()).isEqualTo("USER");
        assertThat(consent.at("/rejection/reason/code").asText()).isEqualTo("CUSTOMER_MANUALLY_REVOKED");
        assertRefused(receiver.resourcesCall(grant.accessToken(), ""), 401, "ResponseError", "UNAUTHORIZED");
    }

    @Test
    void theBankBlockingOrClosingAProductShowsInTheResources() {
        Receiver receiver = Receiver.register(Brand.HORIZONTE);
        String account = product(Brand.HORIZONTE, CPF, ResourceType.ACCOUNT, 0);
        Grant grant = receiver.authorise(receiver.createConsentId(consentRequest(CPF, permissions(ACCOUNTS,
                CREDIT_OPERATIONS), null)), CPF);
        try {
            assertThat(hold(Brand.HORIZONTE, account, "TEMPORARILY_UNAVAILABLE").get("consentsChanged").asInt())
                    .isPositive();
            assertThat(receiver.statuses(grant.accessToken())).containsEntry(account, "TEMPORARILY_UNAVAILABLE");
            hold(Brand.HORIZONTE, account, "AVAILABLE");
            assertThat(receiver.statuses(grant.accessToken())).containsEntry(account, "AVAILABLE");
            hold(Brand.HORIZONTE, account, "UNAVAILABLE");
            assertThat(receiver.statuses(grant.accessToken())).containsEntry(account, "UNAVAILABLE");
        } finally {
            hold(Brand.HORIZONTE, account, "AVAILABLE");
        }
        // a closed account stays closed in the consents that shared it
        assertThat(receiver.statuses(grant.accessToken())).containsEntry(account, "UNAVAILABLE")
                .containsEntry(product(Brand.HORIZONTE, CPF, ResourceType.LOAN, 0), "AVAILABLE");
        HttpResponse<String> pending = call(() -> TlsClient.anonymous().postJson(Sandbox.directory(
                "/sandbox/brands/horizonte/resources/" + account + "/status"), "{\"status\":\"PENDING_AUTHORISATION\"}"));
        assertThat(pending.statusCode()).isEqualTo(400);
        HttpResponse<String> customers = call(() -> TlsClient.anonymous().get(Sandbox.directory(
                "/sandbox/brands/horizonte/customers")));
        assertThat(Json.of(customers).findValuesAsText("resourceId")).contains(account);
    }

    @Test
    void theDevelopmentControlExpiresAConsentNow() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        String consentId = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, null));
        String awaiting = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, null));
        Grant grant = receiver.authorise(consentId, CPF);

        assertThat(expire(Brand.SANDBOX, awaiting).statusCode()).isEqualTo(409);
        assertThat(expire(Brand.HORIZONTE, consentId).statusCode()).isEqualTo(404);
        HttpResponse<String> expired = expire(Brand.SANDBOX, consentId);
        assertThat(expired.statusCode()).isEqualTo(200);

        JsonNode consent = receiver.consent(consentId);
        assertThat(consent.get("status").asText()).isEqualTo("REJECTED");
        assertThat(consent.at("/rejection/rejectedBy").asText()).isEqualTo("ASPSP");
        assertThat(consent.at("/rejection/reason/code").asText()).isEqualTo("CONSENT_MAX_DATE_REACHED");
        assertRefused(receiver.resourcesCall(grant.accessToken(), ""), 401, "ResponseError", "UNAUTHORIZED");
    }

    @Test
    void anAuthorisedConsentEndsOnItsExpirationDateTime() throws Exception {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        String consentId = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, Instant.now().plusSeconds(4)));
        Grant grant = receiver.authorise(consentId, CPF);

        JsonNode consent = receiver.consentUntil(consentId, "REJECTED");

        assertThat(consent.at("/rejection/rejectedBy").asText()).isEqualTo("ASPSP");
        assertThat(consent.at("/rejection/reason/code").asText()).isEqualTo("CONSENT_MAX_DATE_REACHED");
        assertRefused(receiver.resourcesCall(grant.accessToken(), ""), 401, "ResponseError", "UNAUTHORIZED");
    }

    @Test
    void aCustomerWithoutProductsAuthorisesAndSharesNothing() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        Grant grant = receiver.authorise(receiver.createConsentId(consentRequest(Customers.NO_PRODUCTS_CPF,
                permissions(ACCOUNTS, CARDS), Instant.now().plus(Duration.ofDays(90)))), Customers.NO_PRODUCTS_CPF);

        JsonNode resources = receiver.resources(grant.accessToken());

        assertThat(resources.get("data")).isEmpty();
        assertThat(resources.at("/meta/totalRecords").asInt()).isZero();
    }

    @Test
    void aRequestForADataConsentCarriesDataScopesAndItsTokensServeTheDataApisOnly() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        String consentId = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, null));

        HttpResponse<String> withPayments = receiver.tpp.pushRequestObject(receiver.tpp.sign(Authorization.of("code")
                .withScope("openid payments consent:" + consentId).requestClaims(receiver.tpp)));
        assertThat(withPayments.statusCode()).isEqualTo(400);
        assertThat(error(withPayments)).isEqualTo("invalid_request_object");

        Grant grant = receiver.authorise(consentId, CPF);
        assertRefused(receiver.send("GET", Receiver.CONSENTS + "/" + consentId, grant.accessToken(), null), 403,
                "ResponseError", "FORBIDDEN");
        Authorization withoutResources = Authorization.of("code").withScope("openid accounts consent:"
                + receiver.createConsentId(consentRequest(CPF, ACCOUNTS, null)));
        Grant accountsOnly = receiver.exchange(receiver.decide(receiver.tpp.push(withoutResources), CPF, "approve",
                List.of(), false), withoutResources);
        assertRefused(receiver.resourcesCall(accountsOnly.accessToken(), ""), 403, "ResponseError", "FORBIDDEN");
    }

    static String product(Brand brand, String document, ResourceType type, int index) {
        return Customers.products(brand, document).stream().filter(product -> product.type() == type)
                .map(Product::resourceId).toList().get(index);
    }

    /** The development control: the bank holds the product so now. */
    static JsonNode hold(Brand brand, String resourceId, String status) {
        HttpResponse<String> response = call(() -> TlsClient.anonymous().postJson(Sandbox.directory("/sandbox/brands/"
                + brand.key() + "/resources/" + resourceId + "/status"), "{\"status\":\"" + status + "\"}"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.of(response);
    }

    static HttpResponse<String> expire(Brand brand, String consentId) {
        return call(() -> TlsClient.anonymous().send("POST", Sandbox.directory("/sandbox/brands/" + brand.key()
                + "/consents/" + consentId + "/expire"), null, null));
    }
}
