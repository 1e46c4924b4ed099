package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;

/**
 * {@code consent:finish}: the money moved ({@code ACSC}) or an institution reported an error.
 *
 * @param outcome        SETTLED or FAILED
 * @param paymentStatus  the final Pix status, ACSC or RJCT (or CANC)
 * @param endToEndId     the Pix end-to-end id
 * @param rejectionCode  on failure, the Open Finance code, e.g. {@code SALDO_INSUFICIENTE}
 */
public record ConsentFinished(String consentId, String paymentId, String outcome, String paymentStatus,
                              String endToEndId, String rejectionCode, String rejectionDetail,
                              Instant finishedAt) implements EventData {
}
