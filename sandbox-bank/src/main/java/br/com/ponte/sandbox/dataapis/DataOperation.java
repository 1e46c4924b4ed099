package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.brand.ApiFamily;
import br.com.ponte.sandbox.sharing.Permission;
import br.com.ponte.sandbox.sharing.ResourceType;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every operation of the data APIs, as the operational limits count them: its API, the permission the
 * consent needs for it (the spec's "Permissions necessárias"), the kind of shared resource its path names
 * (none for a list or registration data), its monthly limit by default (the public table's), whether its
 * follow-up pages take a {@code pagination-key}, and the schema its answer is validated against. The
 * key names the operation in {@code sandbox.limits.<key>} and in the usage control.
 */
public enum DataOperation {
    PERSONAL_IDENTIFICATIONS(ApiFamily.CUSTOMERS, "customers-personal-identifications",
            Permission.CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ, null, 4, true, "ResponsePersonalCustomersIdentification"),
    PERSONAL_QUALIFICATIONS(ApiFamily.CUSTOMERS, "customers-personal-qualifications",
            Permission.CUSTOMERS_PERSONAL_ADITTIONALINFO_READ, null, 4, false, "ResponsePersonalCustomersQualification"),
    PERSONAL_FINANCIAL_RELATIONS(ApiFamily.CUSTOMERS, "customers-personal-financial-relations",
            Permission.CUSTOMERS_PERSONAL_ADITTIONALINFO_READ, null, 4, false, "ResponsePersonalCustomersFinancialRelation"),
    BUSINESS_IDENTIFICATIONS(ApiFamily.CUSTOMERS, "customers-business-identifications",
            Permission.CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ, null, 4, true, "ResponseBusinessCustomersIdentification"),
    BUSINESS_QUALIFICATIONS(ApiFamily.CUSTOMERS, "customers-business-qualifications",
            Permission.CUSTOMERS_BUSINESS_ADITTIONALINFO_READ, null, 4, false, "ResponseBusinessCustomersQualification"),
    BUSINESS_FINANCIAL_RELATIONS(ApiFamily.CUSTOMERS, "customers-business-financial-relations",
            Permission.CUSTOMERS_BUSINESS_ADITTIONALINFO_READ, null, 4, false, "ResponseBusinessCustomersFinancialRelation"),

    ACCOUNTS(ApiFamily.ACCOUNTS, "accounts-list", Permission.ACCOUNTS_READ, null, 4, true, "ResponseAccountList"),
    ACCOUNT(ApiFamily.ACCOUNTS, "accounts-account", Permission.ACCOUNTS_READ, ResourceType.ACCOUNT, 4, false,
            "ResponseAccountIdentification"),
    ACCOUNT_BALANCES(ApiFamily.ACCOUNTS, "accounts-balances", Permission.ACCOUNTS_BALANCES_READ, ResourceType.ACCOUNT, 420,
            false, "ResponseAccountBalances"),
    ACCOUNT_TRANSACTIONS(ApiFamily.ACCOUNTS, "accounts-transactions", Permission.ACCOUNTS_TRANSACTIONS_READ,
            ResourceType.ACCOUNT, 4, true, "ResponseAccountTransactions"),
    ACCOUNT_TRANSACTIONS_CURRENT(ApiFamily.ACCOUNTS, "accounts-transactions-current",
            Permission.ACCOUNTS_TRANSACTIONS_READ, ResourceType.ACCOUNT, 240, true, "ResponseAccountTransactions"),
    ACCOUNT_OVERDRAFT_LIMITS(ApiFamily.ACCOUNTS, "accounts-overdraft-limits", Permission.ACCOUNTS_OVERDRAFT_LIMITS_READ,
            ResourceType.ACCOUNT, 420, false, "ResponseAccountOverdraftLimits"),

    CARDS(ApiFamily.CREDIT_CARDS_ACCOUNTS, "credit-cards-list", Permission.CREDIT_CARDS_ACCOUNTS_READ, null, 4, true,
            "ResponseCreditCardAccountsList"),
    CARD(ApiFamily.CREDIT_CARDS_ACCOUNTS, "credit-cards-account", Permission.CREDIT_CARDS_ACCOUNTS_READ,
            ResourceType.CREDIT_CARD_ACCOUNT, 4, false, "ResponseCreditCardAccountsIdentification"),
    CARD_LIMITS(ApiFamily.CREDIT_CARDS_ACCOUNTS, "credit-cards-limits", Permission.CREDIT_CARDS_ACCOUNTS_LIMITS_READ,
            ResourceType.CREDIT_CARD_ACCOUNT, 420, false, "ResponseCreditCardAccountsLimits"),
    CARD_TRANSACTIONS(ApiFamily.CREDIT_CARDS_ACCOUNTS, "credit-cards-transactions",
            Permission.CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ, ResourceType.CREDIT_CARD_ACCOUNT, 4, true,
            "ResponseCreditCardAccountsTransactions"),
    CARD_TRANSACTIONS_CURRENT(ApiFamily.CREDIT_CARDS_ACCOUNTS, "credit-cards-transactions-current",
            Permission.CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ, ResourceType.CREDIT_CARD_ACCOUNT, 240, true,
            "ResponseCreditCardAccountsTransactions"),
    CARD_BILLS(ApiFamily.CREDIT_CARDS_ACCOUNTS, "credit-cards-bills", Permission.CREDIT_CARDS_ACCOUNTS_BILLS_READ,
            ResourceType.CREDIT_CARD_ACCOUNT, 30, true, "ResponseCreditCardAccountsBills"),
    CARD_BILL_TRANSACTIONS(ApiFamily.CREDIT_CARDS_ACCOUNTS, "credit-cards-bill-transactions",
            Permission.CREDIT_CARDS_ACCOUNTS_BILLS_TRANSACTIONS_READ, ResourceType.CREDIT_CARD_ACCOUNT, 30, true,
            // the spec gives this answer's schema inline, not among its schemas
            "#/components/responses/OKResponseCreditCardAccountsBillsTransactions/content/application~1json/schema"),

    LOANS(ApiFamily.LOANS, "loans-contracts", Permission.LOANS_READ, null, 4, true, "ResponseLoansContractList"),
    LOAN(ApiFamily.LOANS, "loans-contract", Permission.LOANS_READ, ResourceType.LOAN, 4, false, "ResponseLoansContract"),
    LOAN_WARRANTIES(ApiFamily.LOANS, "loans-warranties", Permission.LOANS_WARRANTIES_READ, ResourceType.LOAN, 4, true,
            "ResponseLoansWarranties"),
    LOAN_SCHEDULED_INSTALMENTS(ApiFamily.LOANS, "loans-scheduled-instalments", Permission.LOANS_SCHEDULED_INSTALMENTS_READ,
            ResourceType.LOAN, 4, false, "ResponseLoansInstalments"),
    LOAN_PAYMENTS(ApiFamily.LOANS, "loans-payments", Permission.LOANS_PAYMENTS_READ, ResourceType.LOAN, 4, false,
            "ResponseLoansPayments"),

    FINANCINGS(ApiFamily.FINANCINGS, "financings-contracts", Permission.FINANCINGS_READ, null, 4, true,
            "ResponseFinancingsContractList"),
    FINANCING(ApiFamily.FINANCINGS, "financings-contract", Permission.FINANCINGS_READ, ResourceType.FINANCING, 4, false,
            "ResponseFinancingsContract"),
    FINANCING_WARRANTIES(ApiFamily.FINANCINGS, "financings-warranties", Permission.FINANCINGS_WARRANTIES_READ,
            ResourceType.FINANCING, 4, true, "ResponseFinancingsWarranties"),
    FINANCING_SCHEDULED_INSTALMENTS(ApiFamily.FINANCINGS, "financings-scheduled-instalments",
            Permission.FINANCINGS_SCHEDULED_INSTALMENTS_READ, ResourceType.FINANCING, 4, false,
            "ResponseFinancingsInstalments"),
    FINANCING_PAYMENTS(ApiFamily.FINANCINGS, "financings-payments", Permission.FINANCINGS_PAYMENTS_READ,
            ResourceType.FINANCING, 4, false, "ResponseFinancingsPayments"),

    INVOICE_FINANCINGS(ApiFamily.INVOICE_FINANCINGS, "invoice-financings-contracts", Permission.INVOICE_FINANCINGS_READ,
            null, 4, true, "ResponseInvoiceFinancingsContractList"),
    INVOICE_FINANCING(ApiFamily.INVOICE_FINANCINGS, "invoice-financings-contract", Permission.INVOICE_FINANCINGS_READ,
            ResourceType.INVOICE_FINANCING, 4, false, "ResponseInvoiceFinancingsContract"),
    INVOICE_FINANCING_WARRANTIES(ApiFamily.INVOICE_FINANCINGS, "invoice-financings-warranties",
            Permission.INVOICE_FINANCINGS_WARRANTIES_READ, ResourceType.INVOICE_FINANCING, 4, true,
            "ResponseInvoiceFinancingsWarranties"),
    INVOICE_FINANCING_SCHEDULED_INSTALMENTS(ApiFamily.INVOICE_FINANCINGS, "invoice-financings-scheduled-instalments",
            Permission.INVOICE_FINANCINGS_SCHEDULED_INSTALMENTS_READ, ResourceType.INVOICE_FINANCING, 4, false,
            "ResponseInvoiceFinancingsInstalments"),
    INVOICE_FINANCING_PAYMENTS(ApiFamily.INVOICE_FINANCINGS, "invoice-financings-payments",
            Permission.INVOICE_FINANCINGS_PAYMENTS_READ, ResourceType.INVOICE_FINANCING, 4, false,
            "ResponseInvoiceFinancingsPayments"),

    OVERDRAFTS(ApiFamily.UNARRANGED_ACCOUNTS_OVERDRAFT, "unarranged-accounts-overdraft-contracts",
            Permission.UNARRANGED_ACCOUNTS_OVERDRAFT_READ, null, 4, true, "ResponseUnarrangedAccountOverdraftContractList"),
    OVERDRAFT(ApiFamily.UNARRANGED_ACCOUNTS_OVERDRAFT, "unarranged-accounts-overdraft-contract",
            Permission.UNARRANGED_ACCOUNTS_OVERDRAFT_READ, ResourceType.UNARRANGED_ACCOUNT_OVERDRAFT, 4, false,
            "ResponseUnarrangedAccountOverdraftContract"),
    OVERDRAFT_WARRANTIES(ApiFamily.UNARRANGED_ACCOUNTS_OVERDRAFT, "unarranged-accounts-overdraft-warranties",
            Permission.UNARRANGED_ACCOUNTS_OVERDRAFT_WARRANTIES_READ, ResourceType.UNARRANGED_ACCOUNT_OVERDRAFT, 4, true,
            "ResponseUnarrangedAccountOverdraftWarranties"),
    OVERDRAFT_SCHEDULED_INSTALMENTS(ApiFamily.UNARRANGED_ACCOUNTS_OVERDRAFT,
            "unarranged-accounts-overdraft-scheduled-instalments",
            Permission.UNARRANGED_ACCOUNTS_OVERDRAFT_SCHEDULED_INSTALMENTS_READ, ResourceType.UNARRANGED_ACCOUNT_OVERDRAFT, 4,
            false, "ResponseUnarrangedAccountOverdraftInstalments"),
    OVERDRAFT_PAYMENTS(ApiFamily.UNARRANGED_ACCOUNTS_OVERDRAFT, "unarranged-accounts-overdraft-payments",
            Permission.UNARRANGED_ACCOUNTS_OVERDRAFT_PAYMENTS_READ, ResourceType.UNARRANGED_ACCOUNT_OVERDRAFT, 4, false,
            "ResponseUnarrangedAccountOverdraftPayments");

    private final ApiFamily family;
    private final String key;
    private final Permission permission;
    private final ResourceType resourceType;
    private final int defaultLimit;
    private final boolean paginationKey;
    private final String schema;

    DataOperation(ApiFamily family, String key, Permission permission, ResourceType resourceType, int defaultLimit,
              boolean paginationKey, String schema) {
        this.family = family;
        this.key = key;
        this.permission = permission;
        this.resourceType = resourceType;
        this.defaultLimit = defaultLimit;
        this.paginationKey = paginationKey;
        this.schema = schema;
    }

    public ApiFamily family() {
        return family;
    }

    /** Its name in {@code sandbox.limits.<key>} and in the usage control. */
    public String key() {
        return key;
    }

    public Permission permission() {
        return permission;
    }

    /** The kind of resource its path names; null for a list or registration data. */
    public ResourceType resourceType() {
        return resourceType;
    }

    /** Calls a month per consent (and resource) by default: the public table's figure. */
    public int defaultLimit() {
        return defaultLimit;
    }

    /** Whether its follow-up pages carry a {@code pagination-key}, which makes them free of the limit. */
    public boolean paginationKey() {
        return paginationKey;
    }

    /** The schema of its answer: a name under {@code components/schemas}, or a JSON pointer into the spec. */
    public String schema() {
        return schema;
    }

    public static Optional<DataOperation> ofKey(String key) {
        return Arrays.stream(values()).filter(operation -> operation.key.equals(key)).findFirst();
    }
}
