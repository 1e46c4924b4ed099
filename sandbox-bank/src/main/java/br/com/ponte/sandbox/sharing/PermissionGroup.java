package br.com.ponte.sandbox.sharing;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static br.com.ponte.sandbox.sharing.Permission.*;

/**
 * The groups of permissions of the consents v3 table ("agrupamento"): a receiving institution asks
 * for whole groups only, each with {@code RESOURCES_READ}. Credit operations are one group of all
 * their sixteen permissions.
 */
public enum PermissionGroup {
    PERSONAL_REGISTRATION(DataCategory.REGISTRATION, "Dados cadastrais (pessoa física)",
            CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ, RESOURCES_READ),
    PERSONAL_ADDITIONAL_INFO(DataCategory.REGISTRATION, "Informações complementares (pessoa física)",
            CUSTOMERS_PERSONAL_ADITTIONALINFO_READ, RESOURCES_READ),
    BUSINESS_REGISTRATION(DataCategory.REGISTRATION, "Dados cadastrais (pessoa jurídica)",
            CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ, RESOURCES_READ),
    BUSINESS_ADDITIONAL_INFO(DataCategory.REGISTRATION, "Informações complementares (pessoa jurídica)",
            CUSTOMERS_BUSINESS_ADITTIONALINFO_READ, RESOURCES_READ),
    ACCOUNT_BALANCES(DataCategory.ACCOUNTS, "Saldos das contas", ACCOUNTS_READ, ACCOUNTS_BALANCES_READ, RESOURCES_READ),
    ACCOUNT_LIMITS(DataCategory.ACCOUNTS, "Limites das contas", ACCOUNTS_READ, ACCOUNTS_OVERDRAFT_LIMITS_READ,
            RESOURCES_READ),
    ACCOUNT_TRANSACTIONS(DataCategory.ACCOUNTS, "Extratos das contas", ACCOUNTS_READ, ACCOUNTS_TRANSACTIONS_READ,
            RESOURCES_READ),
    CARD_LIMITS(DataCategory.CREDIT_CARDS, "Limites dos cartões", CREDIT_CARDS_ACCOUNTS_READ,
            CREDIT_CARDS_ACCOUNTS_LIMITS_READ, RESOURCES_READ),
    CARD_TRANSACTIONS(DataCategory.CREDIT_CARDS, "Transações dos cartões", CREDIT_CARDS_ACCOUNTS_READ,
            CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ, RESOURCES_READ),
    CARD_BILLS(DataCategory.CREDIT_CARDS, "Faturas dos cartões", CREDIT_CARDS_ACCOUNTS_READ,
            CREDIT_CARDS_ACCOUNTS_BILLS_READ, CREDIT_CARDS_ACCOUNTS_BILLS_TRANSACTIONS_READ, RESOURCES_READ),
    CREDIT_OPERATIONS(DataCategory.CREDIT_OPERATIONS, "Dados dos contratos de operações de crédito",
            LOANS_READ, LOANS_WARRANTIES_READ, LOANS_SCHEDULED_INSTALMENTS_READ, LOANS_PAYMENTS_READ,
            FINANCINGS_READ, FINANCINGS_WARRANTIES_READ, FINANCINGS_SCHEDULED_INSTALMENTS_READ, FINANCINGS_PAYMENTS_READ,
            UNARRANGED_ACCOUNTS_OVERDRAFT_READ, UNARRANGED_ACCOUNTS_OVERDRAFT_WARRANTIES_READ,
            UNARRANGED_ACCOUNTS_OVERDRAFT_SCHEDULED_INSTALMENTS_READ, UNARRANGED_ACCOUNTS_OVERDRAFT_PAYMENTS_READ,
            INVOICE_FINANCINGS_READ, INVOICE_FINANCINGS_WARRANTIES_READ, INVOICE_FINANCINGS_SCHEDULED_INSTALMENTS_READ,
            INVOICE_FINANCINGS_PAYMENTS_READ, RESOURCES_READ),
    INVESTMENTS(DataCategory.INVESTMENTS, "Dados das operações de investimento", BANK_FIXED_INCOMES_READ,
            CREDIT_FIXED_INCOMES_READ, FUNDS_READ, VARIABLE_INCOMES_READ, TREASURE_TITLES_READ, RESOURCES_READ),
    EXCHANGE(DataCategory.EXCHANGE, "Dados das operações de câmbio", EXCHANGES_READ, RESOURCES_READ);

    private final DataCategory category;
    private final String label;
    private final Set<Permission> permissions;

    PermissionGroup(DataCategory category, String label, Permission... permissions) {
        this.category = category;
        this.label = label;
        this.permissions = EnumSet.copyOf(Arrays.asList(permissions));
    }

    public DataCategory category() {
        return category;
    }

    /** What the bank's page calls the group. */
    public String label() {
        return label;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** The groups asked for whole in {@code permissions}. */
    public static List<PermissionGroup> whollyIn(Collection<Permission> permissions) {
        return Arrays.stream(values()).filter(group -> permissions.containsAll(group.permissions)).toList();
    }
}
