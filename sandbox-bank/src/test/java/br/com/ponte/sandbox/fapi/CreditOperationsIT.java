package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.dataapis.DataOperation;
import br.com.ponte.sandbox.sharing.Customers;
import br.com.ponte.sandbox.sharing.ResourceType;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static br.com.ponte.sandbox.fapi.Collector.assertRefused;
import static br.com.ponte.sandbox.fapi.Receiver.BUSINESS_REGISTRATION;
import static br.com.ponte.sandbox.fapi.Receiver.CREDIT_OPERATIONS;
import static br.com.ponte.sandbox.fapi.Receiver.permissions;
import static br.com.ponte.sandbox.fapi.SharingJourneyIT.product;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credit operations APIs (loans 2.5.0, financings 2.4.0, invoice financings 2.4.0, unarranged accounts
 * overdraft 2.5.0) at both brands: each contract a consent shares, with its warranties, instalments and
 * payments that agree with each other, x-v on every answer; a contract on another API's path and a consent
 * without the credit operations' permissions refused. Every answer is checked against its spec.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class CreditOperationsIT {

    private record Api(String base, ResourceType type, DataOperation contracts, DataOperation contract,
                       DataOperation warranties, DataOperation instalments, DataOperation payments, String productType) {
    }

    private static final List<Api> APIS = List.of(
            new Api("/open-banking/loans/v2/contracts", ResourceType.LOAN, DataOperation.LOANS, DataOperation.LOAN,
                    DataOperation.LOAN_WARRANTIES, DataOperation.LOAN_SCHEDULED_INSTALMENTS, DataOperation.LOAN_PAYMENTS,
                    "EMPRESTIMOS"),
            new Api("/open-banking/financings/v2/contracts", ResourceType.FINANCING, DataOperation.FINANCINGS,
                    DataOperation.FINANCING, DataOperation.FINANCING_WARRANTIES,
                    DataOperation.FINANCING_SCHEDULED_INSTALMENTS, DataOperation.FINANCING_PAYMENTS, "FINANCIAMENTOS"),
            new Api("/open-banking/invoice-financings/v2/contracts", ResourceType.INVOICE_FINANCING,
                    DataOperation.INVOICE_FINANCINGS, DataOperation.INVOICE_FINANCING,
                    DataOperation.INVOICE_FINANCING_WARRANTIES, DataOperation.INVOICE_FINANCING_SCHEDULED_INSTALMENTS,
                    DataOperation.INVOICE_FINANCING_PAYMENTS, "DIREITOS_CREDITORIOS_DESCONTADOS"),
            new Api("/open-banking/unarranged-accounts-overdraft/v2/contracts", ResourceType.UNARRANGED_ACCOUNT_OVERDRAFT,
                    DataOperation.OVERDRAFTS, DataOperation.OVERDRAFT, DataOperation.OVERDRAFT_WARRANTIES,
                    DataOperation.OVERDRAFT_SCHEDULED_INSTALMENTS, DataOperation.OVERDRAFT_PAYMENTS,
                    "ADIANTAMENTO_A_DEPOSITANTES"));

    @Test
    void everyCreditOperationWithItsWarrantiesInstalmentsAndPayments() {
        Collector collector = Collector.of(Brand.SANDBOX, Customers.PERSON_CPF, CREDIT_OPERATIONS);

        for (Api api : APIS) {
            String contractId = product(Brand.SANDBOX, Customers.PERSON_CPF, api.type(), 0);
            JsonNode contracts = collector.ok(api.contracts(), api.base());
            assertThat(contracts.get("data")).extracting(contract -> contract.get("contractId").asText())
                    .containsExactly(contractId);
            assertThat(contracts.at("/data/0/productType").asText()).isEqualTo(api.productType());
            JsonNode contract = collector.ok(api.contract(), api.base() + "/" + contractId).get("data");
            assertThat(contract.get("productType").asText()).isEqualTo(api.productType());
            assertThat(collector.ok(api.warranties(), api.base() + "/" + contractId + "/warranties").get("data"))
                    .hasSize(1);
            JsonNode instalments = collector.ok(api.instalments(), api.base() + "/" + contractId + "/scheduled-instalments")
                    .get("data");
            assertThat(instalments.get("paidInstalments").asInt() + instalments.get("dueInstalments").asInt())
                    .isEqualTo(instalments.get("totalNumberOfInstalments").asInt());
            JsonNode payments = collector.ok(api.payments(), api.base() + "/" + contractId + "/payments").get("data");
            assertThat(payments.get("releases")).hasSize(instalments.get("paidInstalments").asInt());
            // a contract of another kind on this API's path
            String other = product(Brand.SANDBOX, Customers.PERSON_CPF,
                    api.type() == ResourceType.LOAN ? ResourceType.FINANCING : ResourceType.LOAN, 0);
            assertRefused(collector.get(api.base() + "/" + other), api.contract(), 403, "FORBIDDEN");
        }
        JsonNode loan = collector.ok(DataOperation.LOAN_PAYMENTS, APIS.get(0).base() + "/"
                + product(Brand.SANDBOX, Customers.PERSON_CPF, ResourceType.LOAN, 0) + "/payments").get("data");
        assertThat(loan.get("releases")).anySatisfy(release -> assertThat(release.has("overParcel")).isTrue());
    }

    @Test
    void aCompanysInvoiceFinancingAndBancoHorizontesLoan() {
        Collector company = Collector.ofCompany(Brand.SANDBOX, Customers.REPRESENTATIVE_CPF, Customers.COMPANY_CNPJ,
                permissions(BUSINESS_REGISTRATION, CREDIT_OPERATIONS));
        assertThat(company.ok(DataOperation.INVOICE_FINANCINGS, APIS.get(2).base()).at("/data/0/productSubType").asText())
                .isEqualTo("DESCONTO_DUPLICATAS");

        Collector horizonte = Collector.of(Brand.HORIZONTE, Customers.PERSON_CPF, CREDIT_OPERATIONS);
        String loan = product(Brand.HORIZONTE, Customers.PERSON_CPF, ResourceType.LOAN, 0);
        assertThat(horizonte.ok(DataOperation.LOANS, APIS.get(0).base()).at("/data/0/contractId").asText()).isEqualTo(loan);
        horizonte.ok(DataOperation.LOAN, APIS.get(0).base() + "/" + loan);
        assertThat(horizonte.ok(DataOperation.FINANCINGS, APIS.get(1).base()).get("data")).isEmpty();
    }

    @Test
    void aConsentWithoutTheCreditOperationsPermissionsIsRefused() {
        Collector collector = Collector.of(Brand.SANDBOX, Customers.PERSON_CPF, Receiver.ACCOUNTS);

        for (Api api : APIS) {
            assertRefused(collector.get(api.base()), api.contracts(), 403, "FORBIDDEN");
        }
    }
}
