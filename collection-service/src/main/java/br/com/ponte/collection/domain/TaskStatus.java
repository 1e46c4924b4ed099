package br.com.ponte.collection.domain;

import java.util.Map;
import java.util.Set;

/**
 * A collection task (one operation of one consent, for one resource or the whole consent):
 * SCHEDULED waits for its next run; RUNNING is claimed under a lease (an expired lease makes it
 * claimable again, so a crash only delays it); FAILED gave up after its retries or a refusal (a
 * refresh, or the resource coming back, schedules it again); STOPPED is not collected (resource not
 * available, consent ended).
 */
public enum TaskStatus {
    SCHEDULED,
    RUNNING,
    FAILED,
    STOPPED;

    private static final Map<TaskStatus, Set<TaskStatus>> NEXT = Map.of(
            SCHEDULED, Set.of(RUNNING, STOPPED),
            RUNNING, Set.of(SCHEDULED, FAILED, STOPPED),
            FAILED, Set.of(SCHEDULED, STOPPED),
            STOPPED, Set.of(SCHEDULED));

    public boolean canBecome(TaskStatus next) {
        return NEXT.get(this).contains(next);
    }
}
