package br.com.ponte.sandbox.payments;

/**
 * A consent or payment of {@code clientId} changed; {@code path} is its path under
 * {@code /open-banking/payments/v4}, which is also where the initiator's webhook is called.
 */
public record PaymentsChanged(String clientId, String path) {
}
