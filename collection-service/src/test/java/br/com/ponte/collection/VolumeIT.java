package br.com.ponte.collection;

import br.com.ponte.infra.PonteInfraTestResource;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer with 5 accounts of 10,000 transactions each (12 months, 10 pages of 1,000 per account)
 * is collected in reasonable time: the transactions are written in batches of 1,000 rows per
 * statement. The measured time is printed (the README quotes it); the bound only catches a
 * regression to one statement per row.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "collection"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class VolumeIT extends CollectionTestSupport {

    @Test
    void fiveAccountsOfTenThousandTransactionsAreCollectedInSeconds() {
        Consent consent = authorised(List.of("ACCOUNTS_TRANSACTIONS_READ", "RESOURCES_READ"));
        List<String> accounts = new ArrayList<>();
        for (int a = 0; a < 5; a++) {
            String account = UUID.randomUUID().toString();
            List<ObjectNode> transactions = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                transactions.add(StandInBank.accountTransaction("V" + account.substring(0, 8) + "-" + i, today().minusDays(i % 360),
                        (i % 997) + ".50", "TRANSACAO_EFETIVADA"));
            }
            bank.transactions(account, transactions);
            accounts.add(account);
        }
        for (String account : accounts) {
            share(consent, account, "ACCOUNT", 1);
        }
        long started = System.nanoTime();
        collect();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("VolumeIT: 5 accounts x 10,000 transactions collected in %.1f s%n", took.toMillis() / 1000.0);

        assertThat(count("select count(*) from collected_transaction where consent_id = ?::uuid", consent.id())).isEqualTo(50_000);
        assertThat(took).isLessThan(Duration.ofSeconds(90));
        // once more: a re-read of the recent window changes nothing
        long before = (Long) single("select last_position from partner_cursor where partner_id = ?", consent.partner());
        collectAgain(consent, null);
        assertThat((Long) single("select last_position from partner_cursor where partner_id = ?", consent.partner())).isEqualTo(before);
    }
}
