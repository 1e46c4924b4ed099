package br.com.ponte.consent.authorisation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * The user's authorisation of one consent at its bank, whatever the kind of consent: the redirect
 * pushed to the bank (PAR), the OAuth {@code state} the callback finds it by and the {@code nonce}
 * its id_token must carry, then the user's tokens. The PKCE verifier and the tokens are sealed
 * ({@link SealedGrant}); {@link #forget()} destroys them, after which nothing can act on the
 * consent at the bank in the user's name.
 */
@Entity
@Table(name = "authorisation")
public class Authorisation extends PanacheEntityBase {

    /** The Ponte consent authorised (a payment or a sharing consent). */
    @Id
    @Column(name = "consent_id")
    public UUID consentId;

    @Enumerated(EnumType.STRING)
    public ConsentKind kind;

    @Column(name = "partner_id")
    public String partnerId;

    /** The bank's authorisation server id in the directory. */
    public String transmitter;

    @Column(name = "transmitter_consent_id")
    public String transmitterConsentId;

    /**
     * The callback URI the request was pushed with, which the code exchange repeats; null for an
     * authorisation pushed before it was kept (the payment callback then).
     */
    @Column(name = "redirect_uri")
    public String redirectUri;

    /** The OAuth state of the redirect to the bank; null once the user came back. */
    @Column(name = "oauth_state")
    public String state;

    public String nonce;

    /** {@code jwt} when the bank was asked to answer with JARM; null for the hybrid flow's fragment. */
    @Column(name = "response_mode")
    public String responseMode;

    @Column(name = "grant_ciphertext")
    public byte[] grantCiphertext;

    @Column(name = "grant_iv")
    public byte[] grantIv;

    @Column(name = "grant_wrapped_key")
    public byte[] grantWrappedKey;

    @Column(name = "grant_key_iv")
    public byte[] grantKeyIv;

    @Column(name = "grant_master_key_id")
    public String grantMasterKeyId;

    /** When the sealed access token must be refreshed. */
    @Column(name = "access_token_expires_at")
    public Instant accessTokenExpiresAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Whether the user's tokens are held (authorised and not forgotten). */
    public boolean holdsTokens() {
        return grantCiphertext != null && state == null;
    }

    /** Drops the redirect state and the sealed verifier or tokens: nothing can use the consent at the bank any more. */
    public void forget(Instant now) {
        state = null;
        nonce = null;
        grantCiphertext = null;
        grantIv = null;
        grantWrappedKey = null;
        grantKeyIv = null;
        grantMasterKeyId = null;
        accessTokenExpiresAt = null;
        updatedAt = now;
    }

    public static Uni<Authorisation> findByState(String state) {
        return find("state", state).firstResult();
    }
}
