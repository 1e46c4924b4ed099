package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;
import java.util.List;

/**
 * {@code sharing:resource:shared}: one resource (account, credit card account, credit operation)
 * became available to the partner, approved by one person: one event per resource ("uma a uma").
 *
 * @param resourceId   the resource's id at the institution (the accounts API's {@code accountId}, ...)
 * @param resourceType resources API v3 type: ACCOUNT, CREDIT_CARD_ACCOUNT, LOAN, FINANCING,
 *                     UNARRANGED_ACCOUNT_OVERDRAFT, INVOICE_FINANCING, ...
 * @param permissions  the consent's permissions that apply to this resource
 */
public record SharingResourceShared(String sessionId, String consentId, String transmitter,
                                    String transmitterConsentId, String resourceId, String resourceType,
                                    List<String> permissions, Instant expirationDateTime) implements EventData {
}
