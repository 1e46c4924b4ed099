package br.com.ponte.sandbox.sharing;

/**
 * Something a person tried on one of the bank's pages that the bank refuses, with the HTTP status of
 * the answer and what the page tells them (in Portuguese).
 */
public final class Refusal extends RuntimeException {

    private final int status;

    Refusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static Refusal badRequest(String message) {
        return new Refusal(400, message);
    }

    static Refusal forbidden(String message) {
        return new Refusal(403, message);
    }

    static Refusal conflict(String message) {
        return new Refusal(409, message);
    }

    static Refusal notFound(String message) {
        return new Refusal(404, message);
    }

    public int status() {
        return status;
    }
}
