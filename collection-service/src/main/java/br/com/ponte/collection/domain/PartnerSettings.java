package br.com.ponte.collection.domain;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** The partners' collection settings: their retention policy (DELETE_AT_END unless set). */
@ApplicationScoped
public class PartnerSettings {

    public Uni<Retention> retention(String partnerId) {
        return Panache.withSession(() -> CollectionSettings.<CollectionSettings>findById(partnerId))
                .map(s -> s == null ? Retention.DELETE_AT_END : s.retention);
    }

    public Uni<Retention> setRetention(String partnerId, Retention retention) {
        return Panache.withTransaction(() -> CollectionSettings.<CollectionSettings>findById(partnerId).chain(existing -> {
            CollectionSettings settings = existing != null ? existing : new CollectionSettings();
            settings.partnerId = partnerId;
            settings.retention = retention;
            settings.updatedAt = Instant.now();
            return existing != null ? Uni.createFrom().item(settings) : settings.persist();
        })).replaceWith(retention);
    }
}
