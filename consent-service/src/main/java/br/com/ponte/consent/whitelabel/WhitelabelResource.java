package br.com.ponte.consent.whitelabel;

import br.com.ponte.events.EventTime;
import br.com.ponte.kit.audit.Actor;
import br.com.ponte.kit.audit.Audit;
import br.com.ponte.kit.security.CurrentPartner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The partner's whitelabel: how Ponte's payment screens look and what they say to its users. */
@Path("/v1/whitelabel")
@Tag(name = "Whitelabel")
@SecurityRequirement(name = "partnerToken")
@RolesAllowed(CurrentPartner.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WhitelabelResource {

    /** What the audit log names when it says which settings changed. */
    private static final List<String> FIELDS = List.of("brandName", "logoUrl", "primaryColor", "accentColor", "texts");

    private final CurrentPartner partner;
    private final Audit audit;

    public WhitelabelResource(CurrentPartner partner, Audit audit) {
        this.partner = partner;
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Read the whitelabel",
            description = "What the partner's users see on the payment screens, every text filled in (the defaults for "
                    + "those not set). A partner that never set its whitelabel gets Ponte's, without updatedAt.")
    public Uni<WhitelabelResponse> get() {
        String partnerId = partner.id();
        return Panache.withSession(() -> WhitelabelSettings.forPartner(partnerId)).map(WhitelabelResponse::of);
    }

    private static List<String> fields(WhitelabelSettings s) {
        return Arrays.asList(s.brandName, s.logoUrl, s.primaryColor, s.accentColor, s.texts);
    }

    @PUT
    @Operation(summary = "Set the whitelabel",
            description = "Replaces the whole whitelabel: brandName (required), logoUrl (https), primaryColor and "
                    + "accentColor (#rrggbb) and texts; what is left out takes the default. The screens use it from the "
                    + "next page a user opens. 422 lists every problem at once (PARAMETRO_NAO_INFORMADO, "
                    + "PARAMETRO_INVALIDO with the field in detail).")
    public Uni<WhitelabelResponse> put(WhitelabelRequest request) {
        WhitelabelValidator.validate(request);
        String partnerId = partner.id();
        Instant now = EventTime.now();
        return Panache.withTransaction(() -> WhitelabelSettings.<WhitelabelSettings>findById(partnerId)
                        .chain(stored -> {
                            WhitelabelSettings settings = stored == null ? WhitelabelSettings.defaults(partnerId) : stored;
                            List<String> before = fields(settings);
                            settings.apply(request, now);
                            List<String> after = fields(settings);
                            List<String> changed = new ArrayList<>();
                            for (int i = 0; i < FIELDS.size(); i++) {
                                if (!Objects.equals(before.get(i), after.get(i))) {
                                    changed.add(FIELDS.get(i));
                                }
                            }
                            Map<String, String> details = new LinkedHashMap<>();
                            details.put("brandName", settings.brandName);
                            details.put("changed", String.join(",", changed));
                            return (stored == null ? settings.<WhitelabelSettings>persist() : Uni.createFrom().item(settings))
                                    .call(() -> audit.record(Actor.partner(partnerId), "whitelabel.changed", "whitelabel",
                                            partnerId, partnerId, details, now));
                        }))
                .map(WhitelabelResponse::of);
    }
}
