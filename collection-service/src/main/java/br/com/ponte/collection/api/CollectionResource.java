package br.com.ponte.collection.api;

import br.com.ponte.collection.domain.Collection;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.security.CurrentPartner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/v1/collections")
@Tag(name = "Collections")
@SecurityRequirement(name = "partnerToken")
@RolesAllowed(CurrentPartner.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class CollectionResource {

    private final CurrentPartner partner;

    public CollectionResource(CurrentPartner partner) {
        this.partner = partner;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a collection",
            description = "Where a collection run is. Another partner's collection is answered as not found.")
    public Uni<CollectionResponse> get(@PathParam("id") String id) {
        UUID collectionId = ApiException.uuidOrNotFound(id, "collection");
        String partnerId = partner.id();
        return Panache.withSession(() -> Collection.findForPartner(collectionId, partnerId))
                .map(collection -> {
                    if (collection == null) {
                        throw ApiException.notFound("No collection " + id);
                    }
                    return CollectionResponse.of(collection);
                });
    }
}
