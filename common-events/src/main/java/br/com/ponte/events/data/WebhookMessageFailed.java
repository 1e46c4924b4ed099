package br.com.ponte.events.data;

import br.com.ponte.events.EventData;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * {@code webhook:message:failed}: every attempt of the delivery schedule to an endpoint failed.
 * Published on the dead-letter topic with the undelivered event, and delivered to the partner's
 * other endpoints as an operational event.
 *
 * @param event the envelope that could not be delivered, as it was sent
 */
public record WebhookMessageFailed(String endpointId, String url, String messageId, String eventType,
                                   String subject, int attempts, Integer lastStatusCode, String lastError,
                                   Instant failedAt, JsonNode event) implements EventData {
}
