package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/** {@code webhook:test}: a test message the partner asked to be sent to one of its endpoints. */
public record WebhookTest(String endpointId, String message) implements EventData {
}
