package br.com.ponte.collection.domain;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One operation of Open Finance's data APIs, as the bank counts it against its operational limits
 * (per consent, per operation, per calendar month; follow-up pages with a {@code pagination-key} are
 * free): its API and path, the resource type it reads (null: one call for the whole consent), the
 * permission that allows it, the official monthly limit, the calls kept for the partner's live reads,
 * the scheduled refresh interval (null: not a task of its own; the transactions task chooses the
 * {@code _CURRENT} operation for the recent window, the bills task reads each bill's transactions),
 * the kind its items are counted as, and its date filter's parameter suffix ({@code fromBookingDate},
 * {@code fromTransactionDate}, {@code fromDueDate}).
 */
public enum Operation {
    ACCOUNTS_LIST(Api.ACCOUNTS, "/accounts", null, "ACCOUNTS_READ", 4, 1, "30d", "ACCOUNT", null),
    ACCOUNT(Api.ACCOUNTS, "/accounts/{id}", "ACCOUNT", "ACCOUNTS_READ", 4, 1, "30d", "ACCOUNT_IDENTIFICATION", null),
    ACCOUNT_BALANCES(Api.ACCOUNTS, "/accounts/{id}/balances", "ACCOUNT", "ACCOUNTS_BALANCES_READ", 420, 20, "6h", "ACCOUNT_BALANCE", null),
    ACCOUNT_TRANSACTIONS(Api.ACCOUNTS, "/accounts/{id}/transactions", "ACCOUNT", "ACCOUNTS_TRANSACTIONS_READ", 4, 1, "1d", "ACCOUNT_TRANSACTION", "BookingDate"),
    ACCOUNT_TRANSACTIONS_CURRENT(Api.ACCOUNTS, "/accounts/{id}/transactions-current", "ACCOUNT", "ACCOUNTS_TRANSACTIONS_READ", 240, 10, null, "ACCOUNT_TRANSACTION", "BookingDate"),
    ACCOUNT_OVERDRAFT_LIMITS(Api.ACCOUNTS, "/accounts/{id}/overdraft-limits", "ACCOUNT", "ACCOUNTS_OVERDRAFT_LIMITS_READ", 420, 10, "1d", "ACCOUNT_OVERDRAFT_LIMIT", null),
    CREDIT_CARDS_LIST(Api.CREDIT_CARDS_ACCOUNTS, "/accounts", null, "CREDIT_CARDS_ACCOUNTS_READ", 4, 1, "30d", "CREDIT_CARD_ACCOUNT", null),
    CREDIT_CARD(Api.CREDIT_CARDS_ACCOUNTS, "/accounts/{id}", "CREDIT_CARD_ACCOUNT", "CREDIT_CARDS_ACCOUNTS_READ", 4, 1, "30d", "CREDIT_CARD_IDENTIFICATION", null),
    CREDIT_CARD_LIMITS(Api.CREDIT_CARDS_ACCOUNTS, "/accounts/{id}/limits", "CREDIT_CARD_ACCOUNT", "CREDIT_CARDS_ACCOUNTS_LIMITS_READ", 420, 10, "1d", "CREDIT_CARD_LIMIT", null),
    CREDIT_CARD_TRANSACTIONS(Api.CREDIT_CARDS_ACCOUNTS, "/accounts/{id}/transactions", "CREDIT_CARD_ACCOUNT", "CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ", 4, 1, "1d", "CREDIT_CARD_TRANSACTION", "TransactionDate"),
    CREDIT_CARD_TRANSACTIONS_CURRENT(Api.CREDIT_CARDS_ACCOUNTS, "/accounts/{id}/transactions-current", "CREDIT_CARD_ACCOUNT", "CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ", 240, 10, null, "CREDIT_CARD_TRANSACTION", "TransactionDate"),
    CREDIT_CARD_BILLS(Api.CREDIT_CARDS_ACCOUNTS, "/accounts/{id}/bills", "CREDIT_CARD_ACCOUNT", "CREDIT_CARDS_ACCOUNTS_BILLS_READ", 30, 2, "1d", "CREDIT_CARD_BILL", "DueDate"),
    CREDIT_CARD_BILL_TRANSACTIONS(Api.CREDIT_CARDS_ACCOUNTS, "/accounts/{id}/bills/{billId}/transactions", "CREDIT_CARD_ACCOUNT", "CREDIT_CARDS_ACCOUNTS_BILLS_TRANSACTIONS_READ", 30, 2, null, "CREDIT_CARD_TRANSACTION", "TransactionDate"),
    CUSTOMERS_PERSONAL_IDENTIFICATIONS(Api.CUSTOMERS_PERSONAL, "/personal/identifications", null, "CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ", 4, 1, "30d", "CUSTOMER_IDENTIFICATION", null),
    CUSTOMERS_PERSONAL_QUALIFICATIONS(Api.CUSTOMERS_PERSONAL, "/personal/qualifications", null, "CUSTOMERS_PERSONAL_ADITTIONALINFO_READ", 4, 1, "30d", "CUSTOMER_QUALIFICATION", null),
    CUSTOMERS_PERSONAL_FINANCIAL_RELATIONS(Api.CUSTOMERS_PERSONAL, "/personal/financial-relations", null, "CUSTOMERS_PERSONAL_ADITTIONALINFO_READ", 4, 1, "30d", "CUSTOMER_FINANCIAL_RELATION", null),
    CUSTOMERS_BUSINESS_IDENTIFICATIONS(Api.CUSTOMERS_BUSINESS, "/business/identifications", null, "CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ", 4, 1, "30d", "CUSTOMER_IDENTIFICATION", null),
    CUSTOMERS_BUSINESS_QUALIFICATIONS(Api.CUSTOMERS_BUSINESS, "/business/qualifications", null, "CUSTOMERS_BUSINESS_ADITTIONALINFO_READ", 4, 1, "30d", "CUSTOMER_QUALIFICATION", null),
    CUSTOMERS_BUSINESS_FINANCIAL_RELATIONS(Api.CUSTOMERS_BUSINESS, "/business/financial-relations", null, "CUSTOMERS_BUSINESS_ADITTIONALINFO_READ", 4, 1, "30d", "CUSTOMER_FINANCIAL_RELATION", null),
    LOANS_CONTRACTS(Api.LOANS, "/contracts", null, "LOANS_READ", 4, 1, "7d", "LOAN_CONTRACT", null),
    LOAN_CONTRACT(Api.LOANS, "/contracts/{id}", "LOAN", "LOANS_READ", 4, 1, "7d", "LOAN_CONTRACT_DETAIL", null),
    LOAN_WARRANTIES(Api.LOANS, "/contracts/{id}/warranties", "LOAN", "LOANS_WARRANTIES_READ", 4, 1, "7d", "LOAN_WARRANTY", null),
    LOAN_SCHEDULED_INSTALMENTS(Api.LOANS, "/contracts/{id}/scheduled-instalments", "LOAN", "LOANS_SCHEDULED_INSTALMENTS_READ", 4, 1, "7d", "LOAN_SCHEDULED_INSTALMENTS", null),
    LOAN_PAYMENTS(Api.LOANS, "/contracts/{id}/payments", "LOAN", "LOANS_PAYMENTS_READ", 4, 1, "7d", "LOAN_PAYMENTS", null),
    FINANCINGS_CONTRACTS(Api.FINANCINGS, "/contracts", null, "FINANCINGS_READ", 4, 1, "7d", "FINANCING_CONTRACT", null),
    FINANCING_CONTRACT(Api.FINANCINGS, "/contracts/{id}", "FINANCING", "FINANCINGS_READ", 4, 1, "7d", "FINANCING_CONTRACT_DETAIL", null),
    FINANCING_WARRANTIES(Api.FINANCINGS, "/contracts/{id}/warranties", "FINANCING", "FINANCINGS_WARRANTIES_READ", 4, 1, "7d", "FINANCING_WARRANTY", null),
    FINANCING_SCHEDULED_INSTALMENTS(Api.FINANCINGS, "/contracts/{id}/scheduled-instalments", "FINANCING", "FINANCINGS_SCHEDULED_INSTALMENTS_READ", 4, 1, "7d", "FINANCING_SCHEDULED_INSTALMENTS", null),
    FINANCING_PAYMENTS(Api.FINANCINGS, "/contracts/{id}/payments", "FINANCING", "FINANCINGS_PAYMENTS_READ", 4, 1, "7d", "FINANCING_PAYMENTS", null),
    INVOICE_FINANCINGS_CONTRACTS(Api.INVOICE_FINANCINGS, "/contracts", null, "INVOICE_FINANCINGS_READ", 4, 1, "7d", "INVOICE_FINANCING_CONTRACT", null),
    INVOICE_FINANCING_CONTRACT(Api.INVOICE_FINANCINGS, "/contracts/{id}", "INVOICE_FINANCING", "INVOICE_FINANCINGS_READ", 4, 1, "7d", "INVOICE_FINANCING_CONTRACT_DETAIL", null),
    INVOICE_FINANCING_WARRANTIES(Api.INVOICE_FINANCINGS, "/contracts/{id}/warranties", "INVOICE_FINANCING", "INVOICE_FINANCINGS_WARRANTIES_READ", 4, 1, "7d", "INVOICE_FINANCING_WARRANTY", null),
    INVOICE_FINANCING_SCHEDULED_INSTALMENTS(Api.INVOICE_FINANCINGS, "/contracts/{id}/scheduled-instalments", "INVOICE_FINANCING", "INVOICE_FINANCINGS_SCHEDULED_INSTALMENTS_READ", 4, 1, "7d", "INVOICE_FINANCING_SCHEDULED_INSTALMENTS", null),
    INVOICE_FINANCING_PAYMENTS(Api.INVOICE_FINANCINGS, "/contracts/{id}/payments", "INVOICE_FINANCING", "INVOICE_FINANCINGS_PAYMENTS_READ", 4, 1, "7d", "INVOICE_FINANCING_PAYMENTS", null),
    UNARRANGED_ACCOUNTS_OVERDRAFT_CONTRACTS(Api.UNARRANGED_ACCOUNTS_OVERDRAFT, "/contracts", null, "UNARRANGED_ACCOUNTS_OVERDRAFT_READ", 4, 1, "7d", "UNARRANGED_ACCOUNT_OVERDRAFT_CONTRACT", null),
    UNARRANGED_ACCOUNT_OVERDRAFT_CONTRACT(Api.UNARRANGED_ACCOUNTS_OVERDRAFT, "/contracts/{id}", "UNARRANGED_ACCOUNT_OVERDRAFT", "UNARRANGED_ACCOUNTS_OVERDRAFT_READ", 4, 1, "7d", "UNARRANGED_ACCOUNT_OVERDRAFT_CONTRACT_DETAIL", null),
    UNARRANGED_ACCOUNT_OVERDRAFT_WARRANTIES(Api.UNARRANGED_ACCOUNTS_OVERDRAFT, "/contracts/{id}/warranties", "UNARRANGED_ACCOUNT_OVERDRAFT", "UNARRANGED_ACCOUNTS_OVERDRAFT_WARRANTIES_READ", 4, 1, "7d", "UNARRANGED_ACCOUNT_OVERDRAFT_WARRANTY", null),
    UNARRANGED_ACCOUNT_OVERDRAFT_SCHEDULED_INSTALMENTS(Api.UNARRANGED_ACCOUNTS_OVERDRAFT, "/contracts/{id}/scheduled-instalments", "UNARRANGED_ACCOUNT_OVERDRAFT", "UNARRANGED_ACCOUNTS_OVERDRAFT_SCHEDULED_INSTALMENTS_READ", 4, 1, "7d", "UNARRANGED_ACCOUNT_OVERDRAFT_SCHEDULED_INSTALMENTS", null),
    UNARRANGED_ACCOUNT_OVERDRAFT_PAYMENTS(Api.UNARRANGED_ACCOUNTS_OVERDRAFT, "/contracts/{id}/payments", "UNARRANGED_ACCOUNT_OVERDRAFT", "UNARRANGED_ACCOUNTS_OVERDRAFT_PAYMENTS_READ", 4, 1, "7d", "UNARRANGED_ACCOUNT_OVERDRAFT_PAYMENTS", null);

    private final Api api;
    private final String path;
    private final String resourceType;
    private final String permission;
    private final int officialLimit;
    private final int defaultReserve;
    private final Duration defaultRefresh;
    private final String kind;
    private final String dateParameter;

    Operation(Api api, String path, String resourceType, String permission, int officialLimit, int defaultReserve,
              String defaultRefresh, String kind, String dateParameter) {
        this.api = api;
        this.path = path;
        this.resourceType = resourceType;
        this.permission = permission;
        this.officialLimit = officialLimit;
        this.defaultReserve = defaultReserve;
        this.defaultRefresh = defaultRefresh == null ? null : parseDuration(defaultRefresh);
        this.kind = kind;
        this.dateParameter = dateParameter;
    }

    public Api api() {
        return api;
    }

    /** The path below the API's base, with {@code {id}} (the resource) and {@code {billId}}. */
    public String path() {
        return path;
    }

    /** The type of resource it reads one of; null for an operation of the whole consent. */
    public String resourceType() {
        return resourceType;
    }

    public boolean perResource() {
        return resourceType != null;
    }

    public String permission() {
        return permission;
    }

    public int officialLimit() {
        return officialLimit;
    }

    public int defaultReserve() {
        return defaultReserve;
    }

    public Optional<Duration> defaultRefresh() {
        return Optional.ofNullable(defaultRefresh);
    }

    /** Whether it is scheduled as a task of its own. */
    public boolean isTask() {
        return defaultRefresh != null;
    }

    public String kind() {
        return kind;
    }

    public Optional<String> dateParameter() {
        return Optional.ofNullable(dateParameter);
    }

    /** Whether the spec pages it ({@code page}, {@code page-size}, {@code pagination-key}). */
    public boolean paged() {
        return path.endsWith("/accounts") || path.endsWith("/contracts") || path.endsWith("/transactions")
                || path.endsWith("/transactions-current") || path.endsWith("/bills") || path.endsWith("/identifications")
                || path.endsWith("/warranties");
    }

    public boolean readsTransactions() {
        return kind.endsWith("_TRANSACTION");
    }

    /** The recent-window twin of a full-history transactions operation; itself otherwise. */
    public Operation current() {
        return switch (this) {
            case ACCOUNT_TRANSACTIONS -> ACCOUNT_TRANSACTIONS_CURRENT;
            case CREDIT_CARD_TRANSACTIONS -> CREDIT_CARD_TRANSACTIONS_CURRENT;
            default -> this;
        };
    }

    public DataGroup group() {
        return switch (api) {
            case CUSTOMERS_PERSONAL, CUSTOMERS_BUSINESS -> DataGroup.REGISTRATION;
            case ACCOUNTS -> DataGroup.ACCOUNTS;
            case CREDIT_CARDS_ACCOUNTS -> DataGroup.CREDIT_CARDS;
            default -> DataGroup.CREDIT_OPERATIONS;
        };
    }

    /** The resource type a consent-level list lists (ACCOUNTS_LIST → ACCOUNT); null for the others. */
    public String listedType() {
        return switch (this) {
            case ACCOUNTS_LIST -> "ACCOUNT";
            case CREDIT_CARDS_LIST -> "CREDIT_CARD_ACCOUNT";
            case LOANS_CONTRACTS -> "LOAN";
            case FINANCINGS_CONTRACTS -> "FINANCING";
            case INVOICE_FINANCINGS_CONTRACTS -> "INVOICE_FINANCING";
            case UNARRANGED_ACCOUNTS_OVERDRAFT_CONTRACTS -> "UNARRANGED_ACCOUNT_OVERDRAFT";
            default -> null;
        };
    }

    /** The tasks a newly available resource of this type gets, given the consent's permissions. */
    public static List<Operation> tasksForResource(String resourceType, java.util.Collection<String> permissions) {
        return Arrays.stream(values())
                .filter(op -> op.isTask() && permissions.contains(op.permission))
                .filter(op -> resourceType.equals(op.resourceType) || resourceType.equals(op.listedType()))
                .toList();
    }

    /** The consent-level tasks of registration data, given the consent's permissions. */
    public static List<Operation> registrationTasks(java.util.Collection<String> permissions) {
        return Arrays.stream(values())
                .filter(op -> op.isTask() && op.group() == DataGroup.REGISTRATION && permissions.contains(op.permission))
                .toList();
    }

    /** {@code 6h}, {@code 30d}, {@code 90s} or ISO-8601 ({@code PT6H}). */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        }
        long amount = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 'd' -> Duration.ofDays(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 's' -> Duration.ofSeconds(amount);
            default -> throw new IllegalArgumentException("Not a duration: " + text);
        };
    }
}
