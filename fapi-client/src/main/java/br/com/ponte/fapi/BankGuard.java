package br.com.ponte.fapi;

import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;

/**
 * What every call to one bank (its authorisation server) goes through: a service plugs in its circuit
 * breaker and bulkhead, so a bank that keeps failing is left alone for a while and one slow bank
 * cannot hold all of a service's capacity. A failed call is one that fails: no answer (connection,
 * timeout) or an answer of 5xx.
 */
public interface BankGuard {

    <T> Uni<T> call(String authorisationServerId, Supplier<Uni<T>> call);

    /** No guard: every call goes to the bank. */
    BankGuard NONE = new BankGuard() {
        @Override
        public <T> Uni<T> call(String authorisationServerId, Supplier<Uni<T>> call) {
            return call.get();
        }
    };

    /** A 5xx answer, raised inside the guard so that it counts as a failure, and given back outside it. */
    final class ServerError extends RuntimeException {
        private final transient Object answer;

        public ServerError(Object answer) {
            super(null, null, false, false);
            this.answer = answer;
        }

        @SuppressWarnings("unchecked")
        <T> T answer() {
            return (T) answer;
        }
    }
}
