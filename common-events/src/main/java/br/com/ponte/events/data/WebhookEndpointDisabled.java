package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;

/**
 * {@code webhook:endpoint:disabled}: Ponte stopped delivering to an endpoint.
 *
 * @param reason GONE (it answered 410), FAILING (every delivery failed for the configured period)
 * @param failingSince when its deliveries started failing without a success since, if they did
 */
public record WebhookEndpointDisabled(String endpointId, String url, String reason, Instant failingSince,
                                      Instant disabledAt) implements EventData {
}
