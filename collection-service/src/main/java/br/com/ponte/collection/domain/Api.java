package br.com.ponte.collection.domain;

import java.util.List;

/**
 * An Open Finance data API as the directory lists it: the {@code ApiFamilyType}s that may name it
 * (the first found wins) and the path its listed {@code ApiEndpoint} ends with, which is cut off to
 * find the API's base ({@code https://bank/open-banking/accounts/v2/accounts} → {@code .../accounts/v2}).
 */
public enum Api {
    CUSTOMERS_PERSONAL(List.of("customers-personal", "customers"), List.of("/personal/identifications", "/business/identifications")),
    CUSTOMERS_BUSINESS(List.of("customers-business", "customers"), List.of("/business/identifications", "/personal/identifications")),
    ACCOUNTS(List.of("accounts"), List.of("/accounts")),
    CREDIT_CARDS_ACCOUNTS(List.of("credit-cards-accounts"), List.of("/accounts")),
    LOANS(List.of("loans"), List.of("/contracts")),
    FINANCINGS(List.of("financings"), List.of("/contracts")),
    INVOICE_FINANCINGS(List.of("invoice-financings"), List.of("/contracts")),
    UNARRANGED_ACCOUNTS_OVERDRAFT(List.of("unarranged-accounts-overdraft"), List.of("/contracts"));

    private final List<String> familyTypes;
    private final List<String> endpointSuffixes;

    Api(List<String> familyTypes, List<String> endpointSuffixes) {
        this.familyTypes = familyTypes;
        this.endpointSuffixes = endpointSuffixes;
    }

    public List<String> familyTypes() {
        return familyTypes;
    }

    /** The API's base from the endpoint the directory lists. */
    public String base(String listedEndpoint) {
        String endpoint = listedEndpoint.replaceAll("/+$", "");
        for (String suffix : endpointSuffixes) {
            if (endpoint.endsWith(suffix)) {
                return endpoint.substring(0, endpoint.length() - suffix.length());
            }
        }
        return endpoint;
    }

    /** The credit-operation API of a resource type; null for another type. */
    public static Api ofCreditResourceType(String resourceType) {
        return switch (resourceType) {
            case "LOAN" -> LOANS;
            case "FINANCING" -> FINANCINGS;
            case "INVOICE_FINANCING" -> INVOICE_FINANCINGS;
            case "UNARRANGED_ACCOUNT_OVERDRAFT" -> UNARRANGED_ACCOUNTS_OVERDRAFT;
            default -> null;
        };
    }
}
