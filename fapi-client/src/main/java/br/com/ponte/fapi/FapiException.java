package br.com.ponte.fapi;

/**
 * A transmitter refused a call ({@code error} as RFC 6749/7591 name it, e.g. {@code invalid_client})
 * or answered something the profile forbids ({@code invalid_response}, status 0 when no HTTP answer).
 */
public class FapiException extends RuntimeException {

    private final int status;
    private final String error;

    public FapiException(int status, String error, String description) {
        super(error + (description == null ? "" : ": " + description) + (status > 0 ? " (HTTP " + status + ")" : ""));
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
