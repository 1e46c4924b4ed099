package br.com.ponte.sandbox.sharing;

import java.time.Instant;

/**
 * A renewal of a consent without redirection ({@code POST /consents/{consentId}/extends}), as
 * {@code GET /consents/{consentId}/extensions} shows it: when, the new and the previous expiry (null:
 * indefinite), the user logged in at the receiving institution, their IP address and user agent.
 */
public record ConsentExtension(Instant requestDateTime, Instant expirationDateTime, Instant previousExpirationDateTime,
                               String loggedUserCpf, String customerIpAddress, String customerUserAgent) {
}
