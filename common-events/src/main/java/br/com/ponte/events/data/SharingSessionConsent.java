package br.com.ponte.events.data;

/**
 * One sharing consent made in a session, as {@code sharing:session:finished} reports it.
 *
 * @param status AWAITING_AUTHORISATION, AUTHORISED or REJECTED
 */
public record SharingSessionConsent(String consentId, String transmitter, String status) {
}
