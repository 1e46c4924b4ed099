package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/**
 * {@code consent:rejected}: the user or the bank rejected the consent.
 *
 * @param rejectedBy   USER, ASPSP or TPP, as in the payments API
 * @param reasonCode   the Open Finance rejection reason, e.g. {@code REJEITADO_USUARIO}
 */
public record ConsentRejected(String consentId, String transmitterConsentId, String status, String rejectedBy,
                              String reasonCode, String reasonDetail) implements EventData {
}
