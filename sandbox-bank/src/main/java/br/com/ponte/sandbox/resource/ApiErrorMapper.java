package br.com.ponte.sandbox.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Writes an {@link ApiError} as the spec's {@code ResponseError}: a signed JWT for a 422 of an API
 * that signs its bodies (payments), once the caller is known (the spec's 422s are
 * {@code application/jwt} there), plain JSON otherwise; with {@code totalRecords} and {@code totalPages} in
 * its {@code meta} at the APIs whose error schema wants them ({@link PageTotalsInErrors}). A 429 says when
 * to try again ({@code Retry-After}, seconds).
 */
public class ApiErrorMapper {

    private static final Logger LOG = Logger.getLogger(ApiErrorMapper.class);

    private final CallContext call;
    private final SignedBodies signed;

    public ApiErrorMapper(CallContext call, SignedBodies signed) {
        this.call = call;
        this.signed = signed;
    }

    @ServerExceptionMapper
    public Response map(ApiError failure) {
        LOG.debugf("%d %s: %s", failure.status(), failure.code(), failure.getMessage());
        ObjectNode body = failure.body();
        if (call.pageTotalsInErrors()) {
            ((ObjectNode) body.get("meta")).put("totalRecords", 0).put("totalPages", 0);
        }
        Response.ResponseBuilder answer = Response.status(failure.status()).header("Cache-Control", "no-store");
        if (failure.status() == 429) {
            answer.header("Retry-After", String.valueOf(Math.max(1, failure.retryAfterSeconds())));
        }
        if (failure.status() == 422 && call.signedAnswersFor() != null) {
            return answer.type(SignedBodies.JWT).entity(signed.sign(body, call.signedAnswersFor())).build();
        }
        return answer.type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).entity(body.toString()).build();
    }
}
