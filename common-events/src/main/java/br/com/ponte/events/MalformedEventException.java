package br.com.ponte.events;

/** An incoming record that is not a valid event envelope. Consumers send it to the topic's dead letters. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
