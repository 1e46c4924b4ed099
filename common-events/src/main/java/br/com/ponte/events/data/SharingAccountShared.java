package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;
import java.util.List;

/**
 * {@code sharing:account:shared}: one account (or other resource) was shared; one event per
 * account ("uma a uma").
 */
public record SharingAccountShared(String sessionId, String consentId, String transmitter, String resourceId,
                                   String resourceType, List<String> permissions,
                                   Instant expirationDateTime) implements EventData {
}
