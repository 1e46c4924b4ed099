package br.com.ponte.collection;

import br.com.ponte.collection.domain.Json;
import br.com.ponte.collection.domain.Operation;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.fuzz.IsolationMatrix;
import br.com.ponte.infra.fuzz.RowCounts;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partner isolation in collection-service, generated from its OpenAPI document ({@link IsolationMatrix}):
 * partner A has a consent whose account, credit card (with a bill), loan and registration data were
 * collected, and its own retention setting; partner B tries every data read (also live, at the
 * bank) and the refresh on A's ids and gets 404, B's change feed and settings hold nothing of A,
 * its own consent does not open A's account, card or contract either, bad tokens get 401. Nothing reached the bank for B, and A's data reads the same afterwards.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "collection"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class CollectionIsolationIT extends CollectionTestSupport {

    @TestHTTPResource("/")
    URI base;

    @Test
    void partnerBNeverReachesPartnerAsData() throws Exception {
        Consent consent = authorised(List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ", "ACCOUNTS_TRANSACTIONS_READ",
                "ACCOUNTS_OVERDRAFT_LIMITS_READ", "CREDIT_CARDS_ACCOUNTS_READ", "CREDIT_CARDS_ACCOUNTS_LIMITS_READ",
                "CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ", "CREDIT_CARDS_ACCOUNTS_BILLS_READ",
                "CREDIT_CARDS_ACCOUNTS_BILLS_TRANSACTIONS_READ", "CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ",
                "CUSTOMERS_PERSONAL_ADITTIONALINFO_READ", "LOANS_READ", "LOANS_WARRANTIES_READ",
                "LOANS_SCHEDULED_INSTALMENTS_READ", "LOANS_PAYMENTS_READ", "RESOURCES_READ"));
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String account = UUID.randomUUID().toString();
        String card = UUID.randomUUID().toString();
        String loan = UUID.randomUUID().toString();
        String bill = "B-" + card.substring(0, 8);
        String accountTransaction = "TA" + marker;
        String cardTransaction = "TC" + marker;
        String civilName = "Maria A " + marker;

        bank.answer(Operation.CUSTOMERS_PERSONAL_IDENTIFICATIONS, null, null, Json.MAPPER.createArrayNode().add(object(
                "{\"updateDateTime\":\"2026-01-01T00:00:00Z\",\"personalId\":\"p-" + marker + "\",\"civilName\":\"" + civilName
                        + "\",\"cpfNumber\":\"76109277673\"}")));
        bank.answer(Operation.CUSTOMERS_PERSONAL_QUALIFICATIONS, null, null, object("{\"updateDateTime\":\"2026-01-01T00:00:00Z\","
                + "\"companyCnpj\":\"50685362000135\"}"));
        bank.answer(Operation.CUSTOMERS_PERSONAL_FINANCIAL_RELATIONS, null, null, object("{\"updateDateTime\":\"2026-01-01T00:00:00Z\","
                + "\"productsServicesType\":[\"CONTA_DEPOSITO_A_VISTA\"]}"));
        awaitCount("select count(*) from collection_task where consent_id = ?::uuid", 3, consent.id());

        bank.answer(Operation.ACCOUNTS_LIST, null, null, Json.MAPPER.createArrayNode().add(object("{\"brandName\":\"Banco A\","
                + "\"companyCnpj\":\"50685362000135\",\"type\":\"CONTA_DEPOSITO_A_VISTA\",\"compeCode\":\"001\",\"branchCode\":\"6272\","
                + "\"number\":\"94088392\",\"checkDigit\":\"4\",\"accountId\":\"" + account + "\"}")));
        bank.answer(Operation.ACCOUNT, account, null, object("{\"compeCode\":\"001\",\"branchCode\":\"6272\",\"number\":\"94088392\","
                + "\"checkDigit\":\"4\",\"type\":\"CONTA_DEPOSITO_A_VISTA\",\"subtype\":\"INDIVIDUAL\",\"currency\":\"BRL\"}"));
        bank.answer(Operation.ACCOUNT_BALANCES, account, null, object("{\"availableAmount\":{\"amount\":\"1234.5600\",\"currency\":\"BRL\"}}"));
        bank.answer(Operation.ACCOUNT_OVERDRAFT_LIMITS, account, null, object("{\"overdraftContractedLimit\":{\"amount\":\"500.0000\","
                + "\"currency\":\"BRL\"}}"));
        bank.transactions(account, List.of(StandInBank.accountTransaction(accountTransaction, today().minusDays(1), "12.34",
                "TRANSACAO_EFETIVADA")));
        share(consent, account, "ACCOUNT", 4);

        bank.answer(Operation.CREDIT_CARDS_LIST, null, null, Json.MAPPER.createArrayNode().add(object(
                "{\"creditCardAccountId\":\"" + card + "\",\"brandName\":\"Banco A\",\"companyCnpj\":\"50685362000135\","
                        + "\"name\":\"Cartão A\",\"productType\":\"OURO\",\"creditCardNetwork\":\"VISA\"}")));
        bank.answer(Operation.CREDIT_CARD, card, null, object("{\"name\":\"Cartão A\",\"productType\":\"OURO\",\"creditCardNetwork\":\"VISA\"}"));
        bank.answer(Operation.CREDIT_CARD_LIMITS, card, null, Json.MAPPER.createArrayNode().add(object(
                "{\"creditLineLimitType\":\"LIMITE_CREDITO_TOTAL\",\"consolidationType\":\"CONSOLIDADO\",\"identificationNumber\":\"4453\","
                        + "\"isLimitFlexible\":false,\"limitAmount\":{\"amount\":\"5000.00\",\"currency\":\"BRL\"}}")));
        bank.answer(Operation.CREDIT_CARD_BILLS, card, null, Json.MAPPER.createArrayNode().add(object("{\"billId\":\"" + bill
                + "\",\"dueDate\":\"" + today().plusDays(10) + "\",\"billTotalAmount\":{\"amount\":\"120.00\",\"currency\":\"BRL\"},"
                + "\"isInstalment\":false}")));
        ArrayNode billItems = Json.MAPPER.createArrayNode().add(StandInBank.cardTransaction(cardTransaction, today().minusDays(2), bill, "120.00"));
        bank.answer(Operation.CREDIT_CARD_BILL_TRANSACTIONS, card, bill, billItems);
        bank.transactions(card, List.of(StandInBank.cardTransaction(cardTransaction, today().minusDays(2), bill, "120.00")));
        share(consent, card, "CREDIT_CARD_ACCOUNT", 4);

        bank.answer(Operation.LOANS_CONTRACTS, null, null, Json.MAPPER.createArrayNode().add(object("{\"contractId\":\"" + loan
                + "\",\"brandName\":\"Banco A\",\"companyCnpj\":\"50685362000135\",\"productType\":\"EMPRESTIMOS\","
                + "\"productSubType\":\"CREDITO_PESSOAL_SEM_CONSIGNACAO\",\"ipocCode\":\"IPOC-" + marker + "\"}")));
        bank.answer(Operation.LOAN_CONTRACT, loan, null, object("{\"contractNumber\":\"C-" + marker + "\",\"ipocCode\":\"IPOC-" + marker
                + "\",\"productName\":\"Crédito Pessoal\",\"contractAmount\":\"10000.00\",\"currency\":\"BRL\"}"));
        bank.answer(Operation.LOAN_WARRANTIES, loan, null, Json.MAPPER.createArrayNode().add(object("{\"currencyCode\":\"BRL\","
                + "\"warrantyType\":\"CESSAO_DIREITOS_CREDITORIOS\",\"warrantySubType\":\"DUPLICATAS\",\"warrantyAmount\":\"15000.3100\"}")));
        bank.answer(Operation.LOAN_SCHEDULED_INSTALMENTS, loan, null, object("{\"typeNumberOfInstalments\":\"MES\","
                + "\"totalNumberOfInstalments\":24,\"contractRemainingNumber\":20}"));
        bank.answer(Operation.LOAN_PAYMENTS, loan, null, object("{\"paidInstalments\":4,\"contractOutstandingBalance\":\"8000.0000\","
                + "\"releases\":[]}"));
        share(consent, loan, "LOAN", 4);
        collect();
        // A keeps its data for a while of its own choosing
        api(consent).contentType("application/json").body("{\"retention\":\"KEEP\"}").put("/v1/collection-settings")
                .then().statusCode(200);

        // B has an authorised consent of its own, with an account of its own
        String b = "partner-" + UUID.randomUUID();
        String consentOfB = UUID.randomUUID().toString();
        String accountOfB = UUID.randomUUID().toString();
        events.authorised(consentOfB, b, List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ", "RESOURCES_READ"));
        awaitCount("select count(*) from sharing_consent where id = ?::uuid", 1, consentOfB);
        share(new Consent(consentOfB, b), accountOfB, "ACCOUNT", 1);
        int bankCalls = bank.calls.size();
        try (RowCounts rowsOfA = new RowCounts("jdbc:postgresql://localhost:" + dbPort + "/collection", "postgres", "postgres",
                consent.partner())) {
            IsolationMatrix.Report report = IsolationMatrix.of(base).named("collection-service")
                    .tokens(IsolationMatrix.partnerTokens())
                    .owner(consent.partner(), PartnerTokens.issue(consent.partner()))
                    .intruder(b, PartnerTokens.issue(b))
                    .id("consentId", consent.id())
                    .id("accountId", account)
                    .id("creditCardAccountId", card)
                    .id("billId", bill)
                    .id("contractId", loan)
                    .id("family", "loans")
                    .id("holder", "personal")
                    .id("what", "identifications")
                    .intruderId("consentId", consentOfB)
                    .intruderId("accountId", accountOfB)
                    .secrets(consent.id(), account, card, loan, bill, accountTransaction, cardTransaction, civilName,
                            "IPOC-" + marker, "C-" + marker, "p-" + marker)
                    // a valid body: the groups are read before the consent is looked up
                    .body("POST /v1/sharing-consents/{consentId}/refresh", "{\"groups\":[\"ACCOUNTS\"]}")
                    .rows(rowsOfA)
                    .run();
            System.out.println(report.summary());
            System.out.println(report.table());
            assertThat(report.violations()).as(report.summary()).isEmpty();
            assertThat(report.checks()).isGreaterThan(100);
        }
        assertThat(bank.calls.size()).as("no call reached the bank for B").isEqualTo(bankCalls);
    }
}
