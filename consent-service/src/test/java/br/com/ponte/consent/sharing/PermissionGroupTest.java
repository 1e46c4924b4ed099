package br.com.ponte.consent.sharing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The consents API v3's permission groups as Ponte asks for them and reads them back. */
class PermissionGroupTest {

    @Test
    void everyGroupBringsResourcesReadAndEachPermissionOnce() {
        assertThat(PermissionGroup.permissionsOf(List.of(PermissionGroup.ACCOUNTS_BALANCES, PermissionGroup.ACCOUNTS_TRANSACTIONS)))
                .containsExactly("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ", "ACCOUNTS_TRANSACTIONS_READ", "RESOURCES_READ");
        assertThat(PermissionGroup.permissionsOf(List.of(PermissionGroup.CREDIT_OPERATIONS))).hasSize(17);
    }

    @Test
    void theGroupsABankKeptAreThoseWholeInItsAnswer() {
        List<String> kept = List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ", "RESOURCES_READ",
                "CREDIT_CARDS_ACCOUNTS_READ");
        assertThat(PermissionGroup.keptIn(kept)).containsExactly(PermissionGroup.ACCOUNTS_BALANCES);
    }

    @Test
    void theAuthorisationAsksForTheScopesOfTheDataKept() {
        assertThat(PermissionGroup.scopesFor(PermissionGroup.permissionsOf(List.of(PermissionGroup.ACCOUNTS_BALANCES,
                PermissionGroup.CREDIT_OPERATIONS, PermissionGroup.CUSTOMERS_PERSONAL_IDENTIFICATIONS))))
                .isEqualTo("consents resources customers accounts loans financings unarranged-accounts-overdraft invoice-financings");
    }

    @Test
    void aResourceIsReadWithThePermissionsOfItsKind() {
        List<String> granted = PermissionGroup.permissionsOf(List.of(PermissionGroup.ACCOUNTS_TRANSACTIONS,
                PermissionGroup.CREDIT_CARDS_LIMITS));
        assertThat(PermissionGroup.permissionsForResource("ACCOUNT", granted))
                .containsExactly("ACCOUNTS_READ", "ACCOUNTS_TRANSACTIONS_READ");
        assertThat(PermissionGroup.permissionsForResource("CREDIT_CARD_ACCOUNT", granted))
                .containsExactly("CREDIT_CARDS_ACCOUNTS_READ", "CREDIT_CARDS_ACCOUNTS_LIMITS_READ");
    }

    @Test
    void registrationDataIsAPersonsOrACompanys() {
        assertThat(PermissionGroup.CUSTOMERS_PERSONAL_IDENTIFICATIONS.holder()).isEqualTo(PermissionGroup.Holder.PERSON);
        assertThat(PermissionGroup.CUSTOMERS_BUSINESS_ADDITIONAL_INFO.holder()).isEqualTo(PermissionGroup.Holder.BUSINESS);
        assertThat(PermissionGroup.ACCOUNTS_BALANCES.holder()).isEqualTo(PermissionGroup.Holder.ANY);
    }
}
