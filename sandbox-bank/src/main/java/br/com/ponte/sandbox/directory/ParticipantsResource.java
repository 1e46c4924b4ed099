package br.com.ponte.sandbox.directory;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The directory's public participants list, as {@code data.directory.openbankingbrasil.org.br} serves it. */
@Path("/participants")
@Tag(name = "Directory")
@Produces(MediaType.APPLICATION_JSON)
public class ParticipantsResource {

    private final SandboxParticipant sandbox;

    public ParticipantsResource(SandboxParticipant sandbox) {
        this.sandbox = sandbox;
    }

    @GET
    @Operation(summary = "List the directory's participants",
            description = "Open Finance Brasil directory participants 1.0.0: the sandbox's brands (Banco Sandbox Ponte, "
                    + "Banco Horizonte), their authorisation servers and the discovery endpoints of their APIs.")
    public List<Participant> participants() {
        return sandbox.participants();
    }
}
