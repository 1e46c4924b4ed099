package br.com.ponte.sandbox.brand;

/**
 * An Open Finance API a brand may offer, as the directory names it ({@code ApiFamilyType}), with
 * its version, where it lives below the brand's issuer ({@code base}: every path of the API;
 * {@code endpoint}: the one the directory lists) and the OAuth scope its calls need.
 */
public enum ApiFamily {
    PAYMENTS_CONSENTS("payments-consents", 4, "/open-banking/payments/v4", "/consents", "payments"),
    PAYMENTS_PIX("payments-pix", 4, "/open-banking/payments/v4", "/pix/payments", "payments"),
    CONSENTS("consents", 3, "/open-banking/consents/v3", "/consents", "consents"),
    RESOURCES("resources", 3, "/open-banking/resources/v3", "/resources", "resources"),
    // The data APIs of phase 2: a brand lists those of the products it has, and its consents keep only
    // their permissions. Each is served below its base (dataapis), with the scope of its name.
    CUSTOMERS("customers", 2, "/open-banking/customers/v2", "/personal/identifications", "customers"),
    ACCOUNTS("accounts", 2, "/open-banking/accounts/v2", "/accounts", "accounts"),
    CREDIT_CARDS_ACCOUNTS("credit-cards-accounts", 2, "/open-banking/credit-cards-accounts/v2", "/accounts",
            "credit-cards-accounts"),
    LOANS("loans", 2, "/open-banking/loans/v2", "/contracts", "loans"),
    FINANCINGS("financings", 2, "/open-banking/financings/v2", "/contracts", "financings"),
    INVOICE_FINANCINGS("invoice-financings", 2, "/open-banking/invoice-financings/v2", "/contracts",
            "invoice-financings"),
    UNARRANGED_ACCOUNTS_OVERDRAFT("unarranged-accounts-overdraft", 2, "/open-banking/unarranged-accounts-overdraft/v2",
            "/contracts", "unarranged-accounts-overdraft");

    private final String familyType;
    private final int version;
    private final String base;
    private final String endpoint;
    private final String scope;

    ApiFamily(String familyType, int version, String base, String endpoint, String scope) {
        this.familyType = familyType;
        this.version = version;
        this.base = base;
        this.endpoint = endpoint;
        this.scope = scope;
    }

    /** The OAuth scope a token needs for the API's calls (dcr-id3 7.2's names). */
    public String scope() {
        return scope;
    }

    /** The directory's {@code ApiFamilyType}. */
    public String familyType() {
        return familyType;
    }

    public int version() {
        return version;
    }

    /** The path every call of the API starts with, below the issuer. */
    public String base() {
        return base;
    }

    /** The path the directory's {@code ApiEndpoint} names, below the issuer. */
    public String endpointPath() {
        return base + endpoint;
    }
}
