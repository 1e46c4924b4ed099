package br.com.ponte.sandbox.brand;

/**
 * An Open Finance API a brand may offer, as the directory names it ({@code ApiFamilyType}), with
 * its version and where it lives below the brand's issuer: {@code base} (every path of the API)
 * and {@code endpoint} (the one the directory lists).
 */
public enum ApiFamily {
    PAYMENTS_CONSENTS("payments-consents", 4, "/open-banking/payments/v4", "/consents"),
    PAYMENTS_PIX("payments-pix", 4, "/open-banking/payments/v4", "/pix/payments"),
    CONSENTS("consents", 3, "/open-banking/consents/v3", "/consents"),
    RESOURCES("resources", 3, "/open-banking/resources/v3", "/resources"),
    // The data APIs of phase 2: a brand lists those of the products it has, and its consents keep only
    // their permissions. Their endpoints come with the data APIs themselves (collection).
    CUSTOMERS("customers", 2, "/open-banking/customers/v2", "/personal/identifications"),
    ACCOUNTS("accounts", 2, "/open-banking/accounts/v2", "/accounts"),
    CREDIT_CARDS_ACCOUNTS("credit-cards-accounts", 2, "/open-banking/credit-cards-accounts/v2", "/accounts"),
    LOANS("loans", 2, "/open-banking/loans/v2", "/contracts"),
    FINANCINGS("financings", 2, "/open-banking/financings/v2", "/contracts"),
    INVOICE_FINANCINGS("invoice-financings", 2, "/open-banking/invoice-financings/v2", "/contracts"),
    UNARRANGED_ACCOUNTS_OVERDRAFT("unarranged-accounts-overdraft", 2, "/open-banking/unarranged-accounts-overdraft/v2",
            "/contracts");

    private final String familyType;
    private final int version;
    private final String base;
    private final String endpoint;

    ApiFamily(String familyType, int version, String base, String endpoint) {
        this.familyType = familyType;
        this.version = version;
        this.base = base;
        this.endpoint = endpoint;
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
