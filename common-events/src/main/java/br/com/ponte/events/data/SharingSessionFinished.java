package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;
import java.util.List;

/**
 * {@code sharing:session:finished}: the user finished the session (and was sent back to the
 * partner), or it expired unfinished.
 *
 * @param outcome  FINISHED (by the user) or EXPIRED
 * @param consents the consents made in the session, one per institution the user went to
 */
public record SharingSessionFinished(String sessionId, String outcome, List<SharingSessionConsent> consents,
                                     Instant finishedAt) implements EventData {
}
