package br.com.ponte.vault.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A key pair the vault signs access tokens with; the private half is stored only sealed. */
@Entity
@Table(name = "token_signing_key")
public class TokenSigningKey extends PanacheEntityBase {

    @Id
    public String kid;

    @Column(name = "public_key")
    public byte[] publicKey;

    @Column(name = "private_key_cipher")
    public byte[] privateKeyCipher;

    @Column(name = "private_key_iv")
    public byte[] privateKeyIv;

    @Column(name = "data_key_wrapped")
    public byte[] dataKeyWrapped;

    @Column(name = "data_key_iv")
    public byte[] dataKeyIv;

    @Column(name = "master_key_id")
    public String masterKeyId;

    public boolean active;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Uni<TokenSigningKey> findActive() {
        return find("active", true).firstResult();
    }
}
