package br.com.ponte.consent.dashboard;

import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingExtension;
import br.com.ponte.consent.sharing.SharingInstitutions;
import br.com.ponte.consent.sharing.SharingResource;
import br.com.ponte.consent.whitelabel.SharingView;
import br.com.ponte.consent.whitelabel.SharingView.Institution;
import br.com.ponte.fapi.Participants.AuthorisationServer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sharing consents a dashboard session shows: every consent of its user (the CPF; with a CNPJ,
 * the consents made for that company, otherwise the person's own) with its partner, never another's;
 * each with its resources, renewals and institution from the directory.
 */
@ApplicationScoped
public class UserConsents {

    /** A consent with what its screens show. */
    public record Shown(SharingConsent consent, Institution institution, List<SharingResource> resources,
                        List<SharingExtension> extensions) {
    }

    private final SharingInstitutions institutions;

    public UserConsents(SharingInstitutions institutions) {
        this.institutions = institutions;
    }

    /** Every consent of the session's user with its partner, newest first (renewals left out). */
    public Uni<List<Shown>> all(DashboardSession session) {
        return names().chain(names -> Panache.withSession(() -> query(session).chain(consents -> {
            List<UUID> ids = consents.stream().map(c -> c.id).toList();
            Uni<List<SharingResource>> resources = ids.isEmpty() ? Uni.createFrom().item(List.of())
                    : SharingResource.list("consentId in ?1 order by type, resourceId", ids);
            return resources.map(all -> {
                Map<UUID, List<SharingResource>> byConsent = all.stream().collect(Collectors.groupingBy(r -> r.consentId));
                return consents.stream().map(c -> new Shown(c, names.apply(c.transmitter),
                        byConsent.getOrDefault(c.id, List.of()), List.of())).toList();
            });
        })));
    }

    /** The consent {@code id} when it is the session's user's with its partner; null otherwise. */
    public Uni<Shown> one(DashboardSession session, UUID id) {
        return Panache.withSession(() -> SharingConsent.findForPartner(id, session.partnerId).chain(consent -> {
            if (consent == null || !ofUser(consent, session)) {
                return Uni.createFrom().<Shown>nullItem();
            }
            return SharingResource.ofConsent(id).chain(resources -> SharingExtension.ofConsent(id)
                    .chain(extensions -> names().map(names -> new Shown(consent, names.apply(consent.transmitter),
                            resources, extensions))));
        }));
    }

    static boolean ofUser(SharingConsent consent, DashboardSession session) {
        return consent.loggedUserDocument.equals(session.loggedUserDocument)
                && java.util.Objects.equals(consent.businessEntityDocument, session.businessEntityDocument);
    }

    private static Uni<List<SharingConsent>> query(DashboardSession session) {
        return session.businessEntityDocument == null
                ? SharingConsent.list("partnerId = ?1 and loggedUserDocument = ?2 and businessEntityDocument is null "
                + "order by createdAt desc", session.partnerId, session.loggedUserDocument)
                : SharingConsent.list("partnerId = ?1 and loggedUserDocument = ?2 and businessEntityDocument = ?3 "
                + "order by createdAt desc", session.partnerId, session.loggedUserDocument, session.businessEntityDocument);
    }

    /** The directory's institutions by id; one it no longer lists is shown by its id. */
    private Uni<Function<String, Institution>> names() {
        return institutions.all().map(servers -> {
            Map<String, AuthorisationServer> byId = new HashMap<>();
            servers.forEach(s -> byId.put(s.authorisationServerId(), s));
            return id -> byId.containsKey(id) ? SharingView.institution(byId.get(id), null) : SharingView.unlisted(id);
        });
    }
}
