package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;

/**
 * {@code certificate:expiring}: a partner's certificate expires soon (sent 30, 7 and 1 days before).
 *
 * @param usage TRANSPORT (BRCAC) or SIGNING (BRSEAL)
 */
public record CertificateExpiring(String certificateId, String usage, String serialNumber, Instant notAfter,
                                  int daysLeft) implements EventData {
}
