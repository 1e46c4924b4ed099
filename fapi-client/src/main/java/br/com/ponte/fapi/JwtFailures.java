package br.com.ponte.fapi;

import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Why a bank's JWT (a JARM, an id_token, a signed body) was refused, told by jose4j's error codes only:
 * jose4j's messages quote the JWT itself, whose code, tokens or personal data must not reach a log or a
 * partner's error.
 */
final class JwtFailures {

    private JwtFailures() {
    }

    static String reason(InvalidJwtException e) {
        StringBuilder reasons = new StringBuilder();
        for (ErrorCodeValidator.Error detail : e.getErrorDetails()) {
            String reason = switch (detail.getErrorCode()) {
                case ErrorCodes.SIGNATURE_INVALID -> "signature invalid";
                case ErrorCodes.ISSUER_INVALID -> "another issuer";
                case ErrorCodes.ISSUER_MISSING -> "no iss";
                case ErrorCodes.AUDIENCE_INVALID -> "another audience";
                case ErrorCodes.AUDIENCE_MISSING -> "no aud";
                case ErrorCodes.EXPIRED -> "expired";
                case ErrorCodes.EXPIRATION_MISSING -> "no exp";
                case ErrorCodes.EXPIRATION_TOO_FAR_IN_FUTURE -> "exp too far ahead";
                case ErrorCodes.ISSUED_AT_MISSING -> "no iat";
                case ErrorCodes.JWT_ID_MISSING -> "no jti";
                case ErrorCodes.NOT_YET_VALID -> "not valid yet";
                default -> "jose4j error " + detail.getErrorCode();
            };
            reasons.append(reasons.isEmpty() ? "" : ", ").append(reason);
        }
        return reasons.isEmpty() ? "unreadable" : reasons.toString();
    }
}
