package br.com.ponte.fapi;

/**
 * certificate-vault could not be reached, or failed, while a service needed a partner's keys: the
 * partner's call cannot go on now and may later (503), whatever the bank would have answered.
 */
public class VaultUnavailableException extends RuntimeException {

    public VaultUnavailableException(String what, Throwable cause) {
        super("certificate-vault unavailable for " + what + ": " + cause.getMessage(), cause);
    }

    public VaultUnavailableException(String what, int status) {
        super("certificate-vault answered HTTP " + status + " for " + what);
    }
}
