package br.com.ponte.consent.whitelabel;

import br.com.ponte.events.EventCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A partner's whitelabel: the brand, colours and texts of the screens its users see. A partner that
 * never set one gets {@link #defaults(String)}: Ponte's look and the default texts.
 */
@Entity
@Table(name = "whitelabel_settings")
public class WhitelabelSettings extends PanacheEntityBase {

    static final String DEFAULT_BRAND_NAME = "Ponte";
    static final String DEFAULT_PRIMARY_COLOR = "#1d4ed8";
    static final String DEFAULT_ACCENT_COLOR = "#f59e0b";

    @Id
    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "brand_name")
    public String brandName;

    /** https (or http on loopback, for development); null shows the brand name alone. */
    @Column(name = "logo_url")
    public String logoUrl;

    /** {@code #rrggbb}, lower case. */
    @Column(name = "primary_color")
    public String primaryColor;

    @Column(name = "accent_color")
    public String accentColor;

    /**
     * The texts the partner set: {@link WhitelabelTexts} as JSON (by product), the ones left out absent.
     * Rows written before there were products hold the payment texts' flat keys; V7 moved them under
     * {@code payment}, and they are still read as such.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "texts")
    public String texts;

    /** Null for the defaults, which are not stored. */
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Ponte's look, for a partner that has not set its own. Not stored. */
    public static WhitelabelSettings defaults(String partnerId) {
        WhitelabelSettings settings = new WhitelabelSettings();
        settings.partnerId = partnerId;
        settings.brandName = DEFAULT_BRAND_NAME;
        settings.primaryColor = DEFAULT_PRIMARY_COLOR;
        settings.accentColor = DEFAULT_ACCENT_COLOR;
        settings.texts = "{}";
        return settings;
    }

    /** The partner's settings, or the defaults. Needs a session. */
    public static Uni<WhitelabelSettings> forPartner(String partnerId) {
        return WhitelabelSettings.<WhitelabelSettings>findById(partnerId)
                .map(settings -> settings == null ? defaults(partnerId) : settings);
    }

    /** Replaces everything with {@code request} (validated); colours left out take the defaults. */
    public void apply(WhitelabelRequest request, Instant now) {
        brandName = request.brandName().strip();
        logoUrl = request.logoUrl();
        primaryColor = request.primaryColor() == null ? DEFAULT_PRIMARY_COLOR : request.primaryColor().toLowerCase();
        accentColor = request.accentColor() == null ? DEFAULT_ACCENT_COLOR : request.accentColor().toLowerCase();
        texts = request.texts() == null ? "{}" : EventCodec.toTree(request.texts().toTexts()).toString();
        updatedAt = now;
    }

    /** The texts the screens show: the partner's, and the defaults for the rest. */
    public WhitelabelTexts effectiveTexts() {
        try {
            return EventCodec.mapper().readValue(texts, WhitelabelTextsBody.class).toTexts().orDefaults();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("whitelabel_settings.texts of partner " + partnerId + " is not JSON", e);
        }
    }
}
