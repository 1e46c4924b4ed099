package br.com.ponte.sandbox.payments;

/** Why a consent or payment was rejected: {@code rejectionReason} {@code {code, detail}}. */
public record Reason(String code, String detail) {
}
