package br.com.ponte.collection.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every status machine of the service, every pair of statuses: allowed exactly as the tables say. */
class StatusMachinesTest {

    private static final Set<String> CONSENT = Set.of(
            "AUTHORISED>REVOKED", "AUTHORISED>EXPIRED");

    private static final Set<String> RESOURCE = Set.of(
            "PENDING_AUTHORISATION>AVAILABLE", "PENDING_AUTHORISATION>UNAVAILABLE",
            "AVAILABLE>UNAVAILABLE", "AVAILABLE>TEMPORARILY_UNAVAILABLE", "AVAILABLE>PENDING_AUTHORISATION",
            "TEMPORARILY_UNAVAILABLE>AVAILABLE", "TEMPORARILY_UNAVAILABLE>UNAVAILABLE",
            "UNAVAILABLE>AVAILABLE");

    private static final Set<String> TASK = Set.of(
            "SCHEDULED>RUNNING", "SCHEDULED>STOPPED",
            "RUNNING>SCHEDULED", "RUNNING>FAILED", "RUNNING>STOPPED",
            "FAILED>SCHEDULED", "FAILED>STOPPED",
            "STOPPED>SCHEDULED");

    private static final Set<String> RUN = Set.of(
            "RUNNING>FINISHED", "RUNNING>STOPPED");

    static Stream<Arguments> pairs() {
        return Stream.of(
                        pairs(ConsentStatus.values(), CONSENT, (a, b) -> a.canBecome(b)),
                        pairs(ResourceStatus.values(), RESOURCE, (a, b) -> a.canBecome(b)),
                        pairs(TaskStatus.values(), TASK, (a, b) -> a.canBecome(b)),
                        pairs(RunStatus.values(), RUN, (a, b) -> a.canBecome(b)))
                .flatMap(s -> s);
    }

    private static <S extends Enum<S>> Stream<Arguments> pairs(S[] values, Set<String> allowed, BiPredicate<S, S> canBecome) {
        return Arrays.stream(values).flatMap(from -> Arrays.stream(values).map(to -> Arguments.of(
                from.getDeclaringClass().getSimpleName(), from + ">" + to, canBecome.test(from, to), allowed.contains(from + ">" + to))));
    }

    @ParameterizedTest(name = "{0} {1}: {3}")
    @MethodSource("pairs")
    void aMoveIsAllowedExactlyWhenTheTableSaysSo(String machine, String move, boolean actual, boolean expected) {
        assertThat(actual).as(machine + " " + move).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("finals")
    void finalStatusesAreThoseThatGoNowhere(Object status, boolean expected) {
        boolean actual = status instanceof ConsentStatus c ? c.isFinal() : ((RunStatus) status).isFinal();
        assertThat(actual).isEqualTo(expected);
    }

    static Stream<Arguments> finals() {
        return Stream.of(Arguments.of(ConsentStatus.AUTHORISED, false), Arguments.of(ConsentStatus.REVOKED, true),
                Arguments.of(ConsentStatus.EXPIRED, true), Arguments.of(RunStatus.RUNNING, false),
                Arguments.of(RunStatus.FINISHED, true), Arguments.of(RunStatus.STOPPED, true));
    }

    @org.junit.jupiter.api.Test
    void aTaskRefusesAForbiddenMoveAndARunItsEnd() {
        CollectionTask task = new CollectionTask();
        task.status = TaskStatus.STOPPED;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> task.moveTo(TaskStatus.FAILED, java.time.Instant.now()))
                .isInstanceOf(IllegalStateException.class);
        task.scheduleAt(java.time.Instant.EPOCH, java.time.Instant.now());
        assertThat(task.status).isEqualTo(TaskStatus.SCHEDULED);
        SharedResource resource = new SharedResource();
        resource.status = ResourceStatus.UNAVAILABLE;
        assertThat(resource.moveTo(ResourceStatus.TEMPORARILY_UNAVAILABLE, java.time.Instant.now())).isFalse();
        assertThat(resource.moveTo(ResourceStatus.AVAILABLE, java.time.Instant.now())).isTrue();
        assertThat(List.of(resource.status)).containsExactly(ResourceStatus.AVAILABLE);
    }
}
