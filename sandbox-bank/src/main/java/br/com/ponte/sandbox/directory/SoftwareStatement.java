package br.com.ponte.sandbox.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A piece of software of a participant organisation as the directory registers it: its identity,
 * the redirect URIs it may use, its regulatory roles and the keys of the certificates issued to it.
 */
public record SoftwareStatement(
        String organisationId,
        String softwareStatementId,
        String organisationName,
        String cnpj,
        String clientName,
        List<String> redirectUris,
        List<String> roles,
        Instant createdAt,
        List<DirectoryKey> keys) {

    /** The roles every sandbox software statement has: data receiver and payment initiator. */
    public static final List<String> DEFAULT_ROLES = List.of("DADOS", "PAGTO");

    public SoftwareStatement withKey(DirectoryKey key) {
        List<DirectoryKey> more = new ArrayList<>(keys);
        more.add(key);
        return new SoftwareStatement(organisationId, softwareStatementId, organisationName, cnpj, clientName,
                redirectUris, roles, createdAt, List.copyOf(more));
    }

    public List<DirectoryKey> keys(CertificateUsage usage) {
        return keys.stream().filter(key -> key.usage() == usage).toList();
    }
}
