package br.com.ponte.sandbox.store;

/** Something the passing of time changes: {@link SandboxClock} has it catch up on every tick. */
public interface Sweeper {

    /** Applies the clock to every row that time may have changed. */
    void sweep();
}
