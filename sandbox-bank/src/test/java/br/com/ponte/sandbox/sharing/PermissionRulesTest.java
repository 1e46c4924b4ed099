package br.com.ponte.sandbox.sharing;

import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.resource.ApiError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The consents v3 permission rules, each refusal and what each brand keeps. A case names groups
 * ({@link PermissionGroup}) and loose permissions joined by '+'; the answer is the 400/422 code, or
 * the groups kept.
 */
class PermissionRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

    @ParameterizedTest(name = "{0} (businessEntity {1}) at {2}: {3}")
    @CsvSource({
            // whole groups, as asked, when the brand offers them
            "ACCOUNT_BALANCES, false, SANDBOX, ACCOUNT_BALANCES",
            "ACCOUNT_BALANCES+ACCOUNT_LIMITS+ACCOUNT_TRANSACTIONS, false, SANDBOX, ACCOUNT_BALANCES+ACCOUNT_LIMITS+ACCOUNT_TRANSACTIONS",
            "PERSONAL_REGISTRATION+PERSONAL_ADDITIONAL_INFO, false, SANDBOX, PERSONAL_REGISTRATION+PERSONAL_ADDITIONAL_INFO",
            "BUSINESS_REGISTRATION+ACCOUNT_BALANCES, true, SANDBOX, BUSINESS_REGISTRATION+ACCOUNT_BALANCES",
            "ACCOUNT_BALANCES, true, SANDBOX, ACCOUNT_BALANCES",
            "CARD_LIMITS+CARD_TRANSACTIONS+CARD_BILLS, false, SANDBOX, CARD_LIMITS+CARD_TRANSACTIONS+CARD_BILLS",
            "CREDIT_OPERATIONS, false, SANDBOX, CREDIT_OPERATIONS",
            // products the brand does not offer are dropped, grouped ones whole
            "ACCOUNT_BALANCES+CARD_LIMITS, false, HORIZONTE, ACCOUNT_BALANCES",
            "CARD_BILLS+CREDIT_OPERATIONS, false, HORIZONTE, CREDIT_OPERATIONS",
            "ACCOUNT_BALANCES+INVESTMENTS+EXCHANGE, false, SANDBOX, ACCOUNT_BALANCES",
            "CREDIT_OPERATIONS+INVESTMENTS, false, HORIZONTE, CREDIT_OPERATIONS",
            // nothing functional left
            "CARD_LIMITS, false, HORIZONTE, SEM_PERMISSOES_FUNCIONAIS_RESTANTES",
            "CARD_LIMITS+CARD_TRANSACTIONS+CARD_BILLS, false, HORIZONTE, SEM_PERMISSOES_FUNCIONAIS_RESTANTES",
            "INVESTMENTS, false, SANDBOX, SEM_PERMISSOES_FUNCIONAIS_RESTANTES",
            "EXCHANGE, false, HORIZONTE, SEM_PERMISSOES_FUNCIONAIS_RESTANTES",
            // groups not whole, or loose permissions
            "ACCOUNTS_READ+RESOURCES_READ, false, SANDBOX, COMBINACAO_PERMISSOES_INCORRETA",
            "ACCOUNTS_READ+ACCOUNTS_BALANCES_READ, false, SANDBOX, COMBINACAO_PERMISSOES_INCORRETA",
            "RESOURCES_READ, false, SANDBOX, COMBINACAO_PERMISSOES_INCORRETA",
            "ACCOUNT_BALANCES+CREDIT_CARDS_ACCOUNTS_READ, false, SANDBOX, COMBINACAO_PERMISSOES_INCORRETA",
            "LOANS_READ+LOANS_WARRANTIES_READ+LOANS_SCHEDULED_INSTALMENTS_READ+LOANS_PAYMENTS_READ+RESOURCES_READ, false, SANDBOX, COMBINACAO_PERMISSOES_INCORRETA",
            "CARD_LIMITS+CREDIT_CARDS_ACCOUNTS_BILLS_READ, false, HORIZONTE, COMBINACAO_PERMISSOES_INCORRETA",
            // a person's and a company's registration data
            "PERSONAL_REGISTRATION+BUSINESS_REGISTRATION, true, SANDBOX, PERMISSAO_PF_PJ_EM_CONJUNTO",
            "PERSONAL_ADDITIONAL_INFO+BUSINESS_ADDITIONAL_INFO, false, SANDBOX, PERMISSAO_PF_PJ_EM_CONJUNTO",
            "BUSINESS_REGISTRATION, false, SANDBOX, INFORMACOES_PJ_NAO_INFORMADAS",
            "BUSINESS_ADDITIONAL_INFO+ACCOUNT_BALANCES, false, HORIZONTE, INFORMACOES_PJ_NAO_INFORMADAS",
            "PERSONAL_REGISTRATION, true, SANDBOX, PERMISSOES_PJ_INCORRETAS",
    })
    void permissions(String asked, boolean businessEntity, Brand brand, String expected) {
        List<Permission> permissions = permissions(asked);
        if (expected.contains("_") && !isGroupList(expected)) {
            assertRefused(() -> PermissionRules.kept(permissions, businessEntity, null, NOW, Customers.categories(brand)),
                    422, expected);
        } else {
            assertThat(PermissionRules.kept(permissions, businessEntity, null, NOW, Customers.categories(brand)))
                    .containsExactlyElementsOf(permissions.stream().filter(Set.copyOf(permissions(expected))::contains)
                            .toList());
        }
    }

    @Test
    void keptPermissionsStayInTheOrderAsked() {
        List<Permission> asked = List.of(Permission.RESOURCES_READ, Permission.CREDIT_CARDS_ACCOUNTS_LIMITS_READ,
                Permission.ACCOUNTS_BALANCES_READ, Permission.CREDIT_CARDS_ACCOUNTS_READ, Permission.ACCOUNTS_READ);

        assertThat(PermissionRules.kept(asked, false, null, NOW, Customers.categories(Brand.HORIZONTE)))
                .containsExactly(Permission.RESOURCES_READ, Permission.ACCOUNTS_BALANCES_READ, Permission.ACCOUNTS_READ);
    }

    @Test
    void aNameOutsideTheEnumOrTwiceIsABadRequest() {
        assertRefused(() -> PermissionRules.parse(List.of("ACCOUNTS_READ", "ACCOUNTS_WRITE")), 400, "PARAMETRO_INVALIDO");
        assertRefused(() -> PermissionRules.parse(List.of("ACCOUNTS_READ", "ACCOUNTS_READ")), 400, "PARAMETRO_INVALIDO");
        assertThat(PermissionRules.parse(List.of("ACCOUNTS_READ", "RESOURCES_READ")))
                .containsExactly(Permission.ACCOUNTS_READ, Permission.RESOURCES_READ);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "-PT1S, false",
            "PT0S, false",
            "PT1S, true",
            "P365D, true",
    })
    void anExpiryMustBeInTheFuture(Duration fromNow, boolean allowed) {
        Instant expiration = NOW.plus(fromNow);
        if (allowed) {
            PermissionRules.checkExpiration(expiration, NOW);
        } else {
            assertRefused(() -> PermissionRules.checkExpiration(expiration, NOW), 422, "DATA_EXPIRACAO_INVALIDA");
        }
    }

    @Test
    void anExpiryMayBeTwelveMonthsAheadAndNoMoreOrAbsent() {
        Instant twelveMonths = NOW.atOffset(ZoneOffset.UTC).plusMonths(12).toInstant();
        PermissionRules.checkExpiration(twelveMonths, NOW);
        PermissionRules.checkExpiration(null, NOW);
        assertRefused(() -> PermissionRules.checkExpiration(twelveMonths.plusSeconds(1), NOW), 422,
                "DATA_EXPIRACAO_INVALIDA");
        assertRefused(() -> PermissionRules.kept(permissions("ACCOUNT_BALANCES"), false, NOW.minusSeconds(60), NOW,
                Customers.categories(Brand.SANDBOX)), 422, "DATA_EXPIRACAO_INVALIDA");
    }

    @Test
    void everyGroupCarriesResourcesReadAndCreditOperationsAreOneGroupOfSixteen() {
        Arrays.stream(PermissionGroup.values()).forEach(group ->
                assertThat(group.permissions()).as(group.name()).contains(Permission.RESOURCES_READ));
        assertThat(PermissionGroup.CREDIT_OPERATIONS.permissions()).hasSize(17);
        Set<Permission> grouped = new LinkedHashSet<>();
        Arrays.stream(PermissionGroup.values()).forEach(group -> grouped.addAll(group.permissions()));
        assertThat(grouped).containsExactlyInAnyOrder(Permission.values());
    }

    /** Groups and permissions joined by '+', expanded, each once, in order. */
    private static List<Permission> permissions(String names) {
        Set<Permission> all = new LinkedHashSet<>();
        for (String name : names.split("\\+")) {
            if (isGroup(name)) {
                all.addAll(PermissionGroup.valueOf(name).permissions());
            } else {
                all.add(Permission.valueOf(name));
            }
        }
        return new ArrayList<>(all);
    }

    private static boolean isGroupList(String names) {
        return Arrays.stream(names.split("\\+")).allMatch(PermissionRulesTest::isGroup);
    }

    private static boolean isGroup(String name) {
        return Arrays.stream(PermissionGroup.values()).anyMatch(group -> group.name().equals(name));
    }

    private static void assertRefused(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiError.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(status);
            assertThat(refusal.code()).isEqualTo(code);
        });
    }
}
