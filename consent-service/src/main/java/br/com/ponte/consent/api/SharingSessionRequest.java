package br.com.ponte.consent.api;

import java.util.List;

/**
 * A partner's request to start a consent-management session: who the user is (and the company, when
 * they share a company's data), why the partner wants which groups of data and for how long, where
 * the user goes back to, and optionally which institutions to offer.
 *
 * @param durationMonths 1 to 12; or {@code indefinite} true instead
 * @param institutions   authorisation server ids of the directory; absent for every one that serves the data
 */
public record SharingSessionRequest(PaymentConsentRequest.LoggedUser loggedUser,
                                    PaymentConsentRequest.BusinessEntity businessEntity, String purpose,
                                    List<Group> permissionGroups, Integer durationMonths, Boolean indefinite,
                                    String redirectUri, List<String> institutions) {

    /**
     * @param group         a permission group, e.g. {@code ACCOUNTS_TRANSACTIONS}
     * @param mandatory     the user cannot remove it (default false)
     * @param justification why the partner needs it, shown to the user (at most 300 characters)
     */
    public record Group(String group, Boolean mandatory, String justification) {
    }
}
