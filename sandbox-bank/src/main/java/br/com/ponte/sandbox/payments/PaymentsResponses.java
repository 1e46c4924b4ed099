package br.com.ponte.sandbox.payments;

import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.Caller;
import br.com.ponte.sandbox.resource.SignedBodies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Content negotiation and signed answers of the payments API: bodies go both ways as
 * {@code application/jwt}; anything else sent is 415, anything else asked for 406.
 */
@ApplicationScoped
public class PaymentsResponses {

    static final MediaType JWT = SignedBodies.JWT;

    private final SignedBodies signed;

    public PaymentsResponses(SignedBodies signed) {
        this.signed = signed;
    }

    static void requireJwtBody(String contentType) {
        if (contentType == null || !MediaType.valueOf(contentType).isCompatible(JWT)) {
            throw ApiError.unsupportedMediaType("O corpo deve ser application/jwt.");
        }
    }

    static void requireJwtAccepted(String accept) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        for (String type : accept.split(",")) {
            if (MediaType.valueOf(type.strip()).isCompatible(JWT)) {
                return;
            }
        }
        throw ApiError.notAcceptable("As respostas são application/jwt.");
    }

    /** A signed answer for the caller's organisation. */
    String sign(ObjectNode body, Caller caller) {
        return signed.sign(body, caller.client().organisationId());
    }

    static Response jwt(int status, String body) {
        return Response.status(status).type(JWT).header("Cache-Control", "no-store").entity(body).build();
    }
}
