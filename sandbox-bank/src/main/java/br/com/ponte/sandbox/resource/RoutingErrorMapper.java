package br.com.ponte.sandbox.resource;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 404 and 405 from the router: under the Open Finance APIs ({@value #API_ROOT}), in the specs'
 * {@code ResponseError} shape; elsewhere as they were.
 */
public class RoutingErrorMapper {

    static final String API_ROOT = "/open-banking/";

    @ServerExceptionMapper
    public Response notFound(NotFoundException failure, UriInfo uri) {
        return map(failure.getResponse(), uri, ApiError.notFound("Recurso não encontrado: " + uri.getPath()));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException failure, UriInfo uri) {
        return map(failure.getResponse(), uri, new ApiError(405, "METHOD_NOT_ALLOWED", "Método não permitido.",
                "Método não suportado em " + uri.getPath()));
    }

    private static Response map(Response original, UriInfo uri, ApiError error) {
        if (!uri.getPath().startsWith(API_ROOT)) {
            return original;
        }
        Response.ResponseBuilder answer = Response.fromResponse(original).type(MediaType.APPLICATION_JSON_TYPE
                .withCharset("utf-8")).entity(error.body().toString());
        return answer.build();
    }
}
