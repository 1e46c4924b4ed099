package br.com.ponte.sandbox.pki;

import io.vertx.core.http.HttpServerRequest;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The transport (BRCAC) certificate a client presented in the TLS handshake. The handshake has
 * already checked that it chains to the sandbox root and is in its validity period; what it says
 * about its holder (cert-id1) is read here.
 */
public record ClientCertificate(X509Certificate certificate) {

    private static final String ORGANISATION_PREFIX = "OFBBR-";

    /** The certificate of the connection the request came on; empty on plain HTTP or when none was presented. */
    public static Optional<ClientCertificate> of(HttpServerRequest request) {
        SSLSession session = request.sslSession();
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] peer = session.getPeerCertificates();
            return peer.length > 0 && peer[0] instanceof X509Certificate leaf
                    ? Optional.of(new ClientCertificate(leaf)) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** {@code UID}: the software statement id. */
    public String softwareStatementId() {
        return attribute(BCStyle.UID);
    }

    /**
     * The participant code: {@code organizationIdentifier} without its {@code OFBBR-} prefix, or, in
     * certificates issued before September 2022, {@code organizationalUnitName} (dcr-id3 asks servers
     * to accept both while they coexist).
     */
    public String organisationId() {
        String identifier = attribute(BCStyle.ORGANIZATION_IDENTIFIER);
        if (identifier != null) {
            return identifier.startsWith(ORGANISATION_PREFIX)
                    ? identifier.substring(ORGANISATION_PREFIX.length()) : null;
        }
        return attribute(BCStyle.OU);
    }

    /** Whether this is a certificate of that software statement of that organisation. */
    public boolean identifies(String organisationId, String softwareStatementId) {
        return Objects.equals(organisationId(), organisationId)
                && Objects.equals(softwareStatementId(), softwareStatementId);
    }

    /** {@code x5t#S256} (RFC 8705): what a certificate-bound access token is bound to. */
    public String thumbprint() {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String attribute(ASN1ObjectIdentifier type) {
        RDN[] rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(type);
        return rdns.length > 0 && rdns[0].getFirst().getValue() instanceof ASN1String value ? value.getString() : null;
    }
}
