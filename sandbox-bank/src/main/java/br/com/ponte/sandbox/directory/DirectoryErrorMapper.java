package br.com.ponte.sandbox.directory;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Writes a {@link DirectoryError}. */
public class DirectoryErrorMapper {

    @ServerExceptionMapper
    public Response map(DirectoryError failure) {
        return Response.status(failure.status()).type(MediaType.APPLICATION_JSON).entity(failure.body()).build();
    }
}
