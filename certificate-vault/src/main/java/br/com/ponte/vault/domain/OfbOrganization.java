package br.com.ponte.vault.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The partner's identity in Open Finance Brasil's directory, which its certificates must carry. */
@Entity
@Table(name = "ofb_organization")
public class OfbOrganization extends PanacheEntityBase {

    @Id
    @Column(name = "partner_id")
    public UUID partnerId;

    /** The participant code (organisation id in the directory). */
    @Column(name = "organization_id")
    public String organizationId;

    @Column(name = "software_statement_id")
    public String softwareStatementId;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
