package br.com.ponte.collection.domain;

/** The groups of shared data collected and refreshed together (the consents API's categories). */
public enum DataGroup {
    REGISTRATION, ACCOUNTS, CREDIT_CARDS, CREDIT_OPERATIONS;

    /** The group a resource of this type (resources API v3) belongs to; null for an unknown type. */
    public static DataGroup ofResourceType(String resourceType) {
        return switch (resourceType == null ? "" : resourceType) {
            case "ACCOUNT" -> ACCOUNTS;
            case "CREDIT_CARD_ACCOUNT" -> CREDIT_CARDS;
            case "LOAN", "FINANCING", "INVOICE_FINANCING", "UNARRANGED_ACCOUNT_OVERDRAFT" -> CREDIT_OPERATIONS;
            default -> null;
        };
    }
}
