package br.com.ponte.collection.domain;

import java.util.Map;
import java.util.Set;

/**
 * A collection run: the tasks of one data group of a consent started together (the initial
 * collection, a partner's refresh). RUNNING until every task of it ended once; FINISHED then
 * ({@code collection:finished}), or STOPPED when the consent ended first.
 */
public enum RunStatus {
    RUNNING,
    FINISHED,
    STOPPED;

    private static final Map<RunStatus, Set<RunStatus>> NEXT = Map.of(
            RUNNING, Set.of(FINISHED, STOPPED),
            FINISHED, Set.of(),
            STOPPED, Set.of());

    public boolean canBecome(RunStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
