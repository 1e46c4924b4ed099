package br.com.ponte.sandbox.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Writes an {@link OAuthError} as {@code {"error","error_description"}}, never cached. */
public class OAuthErrorMapper {

    private static final Logger LOG = Logger.getLogger(OAuthErrorMapper.class);

    public record Body(@JsonProperty("error") String error, @JsonProperty("error_description") String description) {
    }

    @ServerExceptionMapper
    public Response map(OAuthError failure) {
        LOG.debugf("%d %s: %s", failure.status(), failure.error(), failure.getMessage());
        return Response.status(failure.status())
                .type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .entity(new Body(failure.error(), failure.getMessage()))
                .build();
    }
}
