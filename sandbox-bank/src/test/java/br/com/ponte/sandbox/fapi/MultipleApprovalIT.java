package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.fapi.Receiver.Grant;
import br.com.ponte.sandbox.fapi.Tpp.Authorization;
import br.com.ponte.sandbox.sharing.Customers;
import br.com.ponte.sandbox.sharing.ResourceType;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static br.com.ponte.sandbox.fapi.Receiver.ACCOUNTS;
import static br.com.ponte.sandbox.fapi.Receiver.BUSINESS_REGISTRATION;
import static br.com.ponte.sandbox.fapi.Receiver.CREDIT_OPERATIONS;
import static br.com.ponte.sandbox.fapi.Receiver.assertRefused;
import static br.com.ponte.sandbox.fapi.Receiver.businessConsentRequest;
import static br.com.ponte.sandbox.fapi.Receiver.permissions;
import static br.com.ponte.sandbox.fapi.SharingJourneyIT.product;
import static br.com.ponte.sandbox.fapi.Software.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * A company's accounts that need two approvers ("múltipla alçada"): the representative's approval
 * authorises the consent with those accounts PENDING_AUTHORISATION, and the company's second approver
 * makes them AVAILABLE or UNAVAILABLE on a page of their own, or the window runs out. Such a consent
 * is not renewed without redirection.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class MultipleApprovalIT {

    private static final String REPRESENTATIVE = Customers.REPRESENTATIVE_CPF;
    private static final String SECOND_APPROVER = Customers.SECOND_APPROVER_CPF;
    private static final String COMPANY = Customers.COMPANY_CNPJ;

    @Test
    void theSecondApproverMakesThePendingAccountsAvailable() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        String consentId = receiver.createConsentId(businessConsentRequest(REPRESENTATIVE, COMPANY,
                permissions(BUSINESS_REGISTRATION, ACCOUNTS, CREDIT_OPERATIONS), null));
        String requestUri = receiver.tpp.push(receiver.authorization(consentId));
        assertThat(receiver.page(requestUri).body()).contains("Dados da empresa Padaria Exemplo Ltda",
                "Conta corrente PJ, agência 0001, conta 77777-7");
        Grant grant = receiver.authorise(consentId, REPRESENTATIVE);
        String first = product(Brand.SANDBOX, COMPANY, ResourceType.ACCOUNT, 0);
        String second = product(Brand.SANDBOX, COMPANY, ResourceType.ACCOUNT, 1);
        String invoices = product(Brand.SANDBOX, COMPANY, ResourceType.INVOICE_FINANCING, 0);

        assertThat(receiver.consent(consentId).get("status").asText()).isEqualTo("AUTHORISED");
        assertThat(receiver.statuses(grant.accessToken())).containsExactly(entry(first, "PENDING_AUTHORISATION"),
                entry(second, "PENDING_AUTHORISATION"), entry(invoices, "AVAILABLE"));

        HttpResponse<String> pending = approvals(receiver, SECOND_APPROVER);
        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(pending.body()).contains("Padaria Exemplo Ltda", "Ponte test client",
                "action=\"/aprovacoes/" + consentId + "\"", "Conta de pagamento PJ, agência 0001, conta 88888-8");
        assertThat(approvals(receiver, REPRESENTATIVE).body()).doesNotContain(consentId);
        assertThat(decide(receiver, consentId, REPRESENTATIVE, "approve").statusCode()).isEqualTo(403);

        HttpResponse<String> approved = decide(receiver, consentId, SECOND_APPROVER, "approve");
        assertThat(approved.statusCode()).isEqualTo(303);
        assertThat(approved.headers().firstValue("Location")).hasValue(receiver.tpp.url("/aprovacoes?cpf=" + SECOND_APPROVER));

        assertThat(receiver.statuses(grant.accessToken())).containsExactly(entry(first, "AVAILABLE"),
                entry(second, "AVAILABLE"), entry(invoices, "AVAILABLE"));
        assertThat(approvals(receiver, SECOND_APPROVER).body()).doesNotContain(consentId);
        assertThat(decide(receiver, consentId, SECOND_APPROVER, "approve").statusCode()).isEqualTo(404);
    }

    @Test
    void theSecondApproverRefusesAndThePendingAccountsAreUnavailable() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        String first = product(Brand.SANDBOX, COMPANY, ResourceType.ACCOUNT, 0);
        String consentId = receiver.createConsentId(businessConsentRequest(REPRESENTATIVE, COMPANY, ACCOUNTS, null));
        Grant grant = receiver.authorise(consentId, REPRESENTATIVE, first);

        assertThat(decide(receiver, consentId, SECOND_APPROVER, "reject").statusCode()).isEqualTo(303);

        assertThat(receiver.statuses(grant.accessToken())).containsExactly(entry(first, "UNAVAILABLE"));
        assertThat(receiver.consent(consentId).get("status").asText()).isEqualTo("AUTHORISED");
    }

    @Test
    void whenTheWindowRunsOutThePendingAccountsAreUnavailable() throws Exception {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        String consentId = receiver.createConsentId(businessConsentRequest(REPRESENTATIVE, COMPANY, ACCOUNTS, null));
        Grant grant = receiver.authorise(consentId, REPRESENTATIVE);

        for (int attempt = 0; attempt < 40 && receiver.statuses(grant.accessToken()).containsValue("PENDING_AUTHORISATION");
             attempt++) {
            Thread.sleep(250);
        }

        assertThat(receiver.statuses(grant.accessToken())).containsOnly(
                entry(product(Brand.SANDBOX, COMPANY, ResourceType.ACCOUNT, 0), "UNAVAILABLE"),
                entry(product(Brand.SANDBOX, COMPANY, ResourceType.ACCOUNT, 1), "UNAVAILABLE"));
        assertThat(decide(receiver, consentId, SECOND_APPROVER, "approve").statusCode()).isEqualTo(404);
    }

    @Test
    void aConsentThatNeededTwoApproversIsNotRenewedWithoutRedirection() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        String consentId = receiver.createConsentId(businessConsentRequest(REPRESENTATIVE, COMPANY, ACCOUNTS, null));
        Grant grant = receiver.authorise(consentId, REPRESENTATIVE);
        decide(receiver, consentId, SECOND_APPROVER, "approve");

        assertRefused(receiver.extend(consentId, grant.accessToken(), Receiver.extensionRequest(REPRESENTATIVE, null)),
                422, "422ResponseErrorCreateConsent", "DEPENDE_MULTIPLA_ALCADA");
    }

    @Test
    void onlyTheCompanysRepresentativesMayApproveForIt() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        String consentId = receiver.createConsentId(businessConsentRequest(Customers.PERSON_CPF, COMPANY, ACCOUNTS, null));
        Authorization authorization = receiver.authorization(consentId);

        HttpResponse<String> refused = receiver.decide(receiver.tpp.push(authorization), Customers.PERSON_CPF, "approve",
                List.of(), false);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Este CPF não representa a empresa");
    }

    private static HttpResponse<String> approvals(Receiver receiver, String cpf) {
        return call(() -> TlsClient.anonymous().get(receiver.tpp.url("/aprovacoes?cpf=" + cpf)));
    }

    private static HttpResponse<String> decide(Receiver receiver, String consentId, String cpf, String decision) {
        return call(() -> TlsClient.anonymous().postForm(receiver.tpp.url("/aprovacoes/" + consentId),
                Map.of("cpf", cpf, "decision", decision)));
    }
}
