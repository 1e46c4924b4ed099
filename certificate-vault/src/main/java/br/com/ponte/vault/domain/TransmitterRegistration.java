package br.com.ponte.vault.domain;

import br.com.ponte.kit.crypto.EnvelopeCipher;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The partner's client at one transmitter's authorisation server. */
@Entity
@Table(name = "transmitter_registration")
@IdClass(TransmitterRegistration.Key.class)
public class TransmitterRegistration extends PanacheEntityBase {

    public static final String MANUAL = "MANUAL";
    public static final String DCR = "DCR";

    public static class Key implements Serializable {
        public UUID partnerId;
        public String authorisationServerId;

        public Key() {
        }

        public Key(UUID partnerId, String authorisationServerId) {
            this.partnerId = partnerId;
            this.authorisationServerId = authorisationServerId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(partnerId, k.partnerId)
                    && Objects.equals(authorisationServerId, k.authorisationServerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(partnerId, authorisationServerId);
        }
    }

    @Id
    @Column(name = "partner_id")
    public UUID partnerId;

    @Id
    @Column(name = "authorisation_server_id")
    public String authorisationServerId;

    @Column(name = "client_id")
    public String clientId;

    /** MANUAL (entered by the partner) or DCR (registered by the vault). */
    public String source;

    public String issuer;

    @Column(name = "discovery_url")
    public String discoveryUrl;

    @Column(name = "registration_client_uri")
    public String registrationClientUri;

    /** The client's redirect URIs at the transmitter, space-separated; null when unknown (set by hand without them). */
    @Column(name = "redirect_uris")
    public String redirectUris;

    public List<String> redirectUriList() {
        return redirectUris == null || redirectUris.isBlank() ? List.of() : List.of(redirectUris.trim().split(" +"));
    }

    @Column(name = "rat_cipher")
    public byte[] ratCipher;

    @Column(name = "rat_iv")
    public byte[] ratIv;

    @Column(name = "rat_data_key_wrapped")
    public byte[] ratDataKeyWrapped;

    @Column(name = "rat_data_key_iv")
    public byte[] ratDataKeyIv;

    @Column(name = "master_key_id")
    public String masterKeyId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public void sealRegistrationAccessToken(EnvelopeCipher.Sealed sealed) {
        ratCipher = sealed == null ? null : sealed.ciphertext();
        ratIv = sealed == null ? null : sealed.iv();
        ratDataKeyWrapped = sealed == null ? null : sealed.wrappedDataKey();
        ratDataKeyIv = sealed == null ? null : sealed.dataKeyIv();
        masterKeyId = sealed == null ? null : sealed.masterKeyId();
    }

    /** Binds the sealed token to its row. */
    public String sealId() {
        return partnerId + "/" + authorisationServerId;
    }

    public static Uni<TransmitterRegistration> find(UUID partnerId, String authorisationServerId) {
        return findById(new Key(partnerId, authorisationServerId));
    }

    public static Uni<List<TransmitterRegistration>> listForPartner(UUID partnerId) {
        return list("partnerId = ?1 order by authorisationServerId", partnerId);
    }
}
