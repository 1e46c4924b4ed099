package br.com.ponte.vault.certificate;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.ErrorResponse;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * Checks an uploaded certificate and key against Open Finance Brasil's certificate standard
 * (cert-id1) and the partner's directory identity. Reading failures stop at the first one; the
 * checks of a readable certificate are all made, and every failure is reported, each with its
 * own code:
 *
 * <table>
 * <tr><td>CERTIFICADO_ILEGIVEL</td><td>no X.509 certificate in the PEM text or the PKCS#12 file</td></tr>
 * <tr><td>CHAVE_PRIVADA_ILEGIVEL</td><td>no readable private key, or an encrypted one without password</td></tr>
 * <tr><td>SENHA_INCORRETA</td><td>the PKCS#12 or encrypted-key password is wrong</td></tr>
 * <tr><td>CHAVE_NAO_CORRESPONDE</td><td>the private key is not the certificate's</td></tr>
 * <tr><td>CHAVE_FRACA</td><td>not RSA, or RSA under 2048 bits (PS256 needs RSA)</td></tr>
 * <tr><td>CERTIFICADO_AINDA_NAO_VALIDO / CERTIFICADO_EXPIRADO</td><td>outside its validity period</td></tr>
 * <tr><td>CADEIA_NAO_CONFIAVEL</td><td>no path from the certificate to a configured trust anchor</td></tr>
 * <tr><td>USO_DE_CHAVE_INVALIDO</td><td>keyUsage / extendedKeyUsage not those of the usage</td></tr>
 * <tr><td>ORGANIZACAO_DIVERGENTE</td><td>the participant code in the subject is not the partner's organizationId</td></tr>
 * <tr><td>SOFTWARE_STATEMENT_DIVERGENTE</td><td>a transport certificate's UID is not the partner's softwareStatementId</td></tr>
 * </table>
 */
public final class CertificateInspector {

    static final ASN1ObjectIdentifier CLIENT_AUTH = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.2");
    private static final Provider BC = new BouncyCastleProvider();
    private static final int MIN_RSA_BITS = 2048;
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_ENCIPHERMENT = 2;

    private final Set<TrustAnchor> trustAnchors;

    public CertificateInspector(List<X509Certificate> trustAnchors) {
        Set<TrustAnchor> anchors = new java.util.HashSet<>();
        trustAnchors.forEach(anchor -> anchors.add(new TrustAnchor(anchor, null)));
        this.trustAnchors = Collections.unmodifiableSet(anchors);
    }

    /** The partner's identity in the directory, which the certificate's subject must carry. */
    public record Organization(String organizationId, String softwareStatementId) {
    }

    public InspectedCertificate inspect(CertificateUsage usage, UploadedMaterial material, Organization organization,
                                        Instant now) {
        Read read = material.pkcs12() != null ? readPkcs12(material.pkcs12(), material.password())
                : readPem(material.certificatePem(), material.privateKeyPem(), material.password());
        X509Certificate leaf = read.chain().get(0);
        List<ErrorResponse.Error> errors = new ArrayList<>();

        if (!(leaf.getPublicKey() instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            errors.add(error("CHAVE_FRACA", "Key too weak",
                    "Open Finance Brasil signs with PS256: the key must be RSA of at least 2048 bits; it is "
                            + describeKey(leaf)));
        } else if (!keyMatches(read.privateKey(), leaf)) {
            errors.add(error("CHAVE_NAO_CORRESPONDE", "Key does not match",
                    "The private key is not the key of the certificate " + leaf.getSubjectX500Principal().getName()));
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            errors.add(error("CERTIFICADO_AINDA_NAO_VALIDO", "Certificate not yet valid",
                    "The certificate is valid from " + leaf.getNotBefore().toInstant()));
        } else if (now.isAfter(leaf.getNotAfter().toInstant())) {
            errors.add(error("CERTIFICADO_EXPIRADO", "Certificate expired",
                    "The certificate expired at " + leaf.getNotAfter().toInstant()));
        }
        String chainProblem = chainProblem(read.chain(), now);
        if (chainProblem != null) {
            errors.add(error("CADEIA_NAO_CONFIAVEL", "Untrusted certificate chain", chainProblem));
        }
        String usageProblem = usageProblem(usage, leaf);
        if (usageProblem != null) {
            errors.add(error("USO_DE_CHAVE_INVALIDO", "Wrong key usage", usageProblem));
        }
        subjectErrors(usage, leaf, organization, errors);
        if (!errors.isEmpty()) {
            throw new ApiException(422, errors);
        }
        return new InspectedCertificate(leaf, read.chain(), read.privateKey());
    }

    private record Read(List<X509Certificate> chain, PrivateKey privateKey) {
    }

    private static Read readPkcs12(byte[] pkcs12, char[] password) {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        try {
            store.load(new ByteArrayInputStream(pkcs12), password == null ? new char[0] : password);
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw unprocessable("SENHA_INCORRETA", "Wrong password", "The PKCS#12 password is wrong");
            }
            throw unprocessable("CERTIFICADO_ILEGIVEL", "Unreadable certificate", "'pkcs12' is not a PKCS#12 file");
        } catch (GeneralSecurityException e) {
            throw unprocessable("CERTIFICADO_ILEGIVEL", "Unreadable certificate", "'pkcs12' is not a PKCS#12 file");
        }
        try {
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
                String alias = aliases.nextElement();
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password == null ? new char[0] : password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                    continue;
                }
                List<X509Certificate> certificates = new ArrayList<>();
                for (Certificate certificate : chain) {
                    certificates.add((X509Certificate) certificate);
                }
                return new Read(withoutSelfSigned(certificates), privateKey);
            }
        } catch (java.security.UnrecoverableKeyException e) {
            throw unprocessable("SENHA_INCORRETA", "Wrong password", "The private key's password in the PKCS#12 file is wrong");
        } catch (GeneralSecurityException e) {
            throw unprocessable("CHAVE_PRIVADA_ILEGIVEL", "Unreadable private key", "The PKCS#12 file's key cannot be read");
        }
        throw unprocessable("CHAVE_PRIVADA_ILEGIVEL", "Unreadable private key",
                "The PKCS#12 file holds no private key with its certificate");
    }

    private static Read readPem(String certificatePem, String privateKeyPem, char[] password) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(certificatePem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            certificates.clear();
        }
        if (certificates.isEmpty()) {
            throw unprocessable("CERTIFICADO_ILEGIVEL", "Unreadable certificate",
                    "'certificate' holds no PEM X.509 certificate (-----BEGIN CERTIFICATE-----)");
        }
        return new Read(withoutSelfSigned(certificates), privateKey(privateKeyPem, password));
    }

    private static PrivateKey privateKey(String pem, char[] password) {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            do {
                object = parser.readObject();
            } while (object != null && !(object instanceof PrivateKeyInfo || object instanceof PEMKeyPair
                    || object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair));
        } catch (IOException | RuntimeException e) {
            object = null;
        }
        if (object == null) {
            throw unprocessable("CHAVE_PRIVADA_ILEGIVEL", "Unreadable private key",
                    "'privateKey' holds no PEM private key (PKCS#8 or PKCS#1)");
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (password == null || password.length == 0) {
                throw unprocessable("CHAVE_PRIVADA_ILEGIVEL", "Unreadable private key",
                        "'privateKey' is encrypted: send its 'password'");
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password)));
            }
            return converter.getKeyPair(((PEMEncryptedKeyPair) object).decryptKeyPair(
                    new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password))).getPrivate();
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw unprocessable("SENHA_INCORRETA", "Wrong password", "'privateKey' cannot be decrypted with this password");
        }
    }

    /** A root sent along with the chain is dropped: trust comes only from the configured anchors. */
    private static List<X509Certificate> withoutSelfSigned(List<X509Certificate> chain) {
        List<X509Certificate> kept = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            if (i == 0 || !certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                kept.add(certificate);
            }
        }
        return kept;
    }

    private static boolean keyMatches(PrivateKey privateKey, X509Certificate certificate) {
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private String chainProblem(List<X509Certificate> chain, Instant now) {
        if (trustAnchors.isEmpty()) {
            return "No trust anchors are configured (ponte.vault.trust-anchors), so no certificate can be trusted";
        }
        try {
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            parameters.setRevocationEnabled(false);
            // the leaf's own validity is reported on its own: check the chain at a moment the leaf is valid
            X509Certificate leaf = chain.get(0);
            Instant at = now.isBefore(leaf.getNotBefore().toInstant()) ? leaf.getNotBefore().toInstant()
                    : now.isAfter(leaf.getNotAfter().toInstant()) ? leaf.getNotAfter().toInstant() : now;
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(chain),
                    parameters);
            return null;
        } catch (CertPathValidatorException e) {
            return "The certificate does not chain to a trusted Open Finance Brasil authority: " + e.getMessage()
                    + ". Send the certificate followed by its intermediate certificates.";
        } catch (GeneralSecurityException e) {
            return "The certificate chain cannot be validated: " + e.getMessage();
        }
    }

    private static String usageProblem(CertificateUsage usage, X509Certificate leaf) {
        boolean[] bits = leaf.getKeyUsage();
        boolean digitalSignature = bits != null && bits.length > DIGITAL_SIGNATURE && bits[DIGITAL_SIGNATURE];
        if (usage == CertificateUsage.TRANSPORT) {
            List<String> extended;
            try {
                extended = leaf.getExtendedKeyUsage();
            } catch (java.security.cert.CertificateParsingException e) {
                extended = null;
            }
            boolean keyEncipherment = bits != null && bits.length > KEY_ENCIPHERMENT && bits[KEY_ENCIPHERMENT];
            if (!digitalSignature || !keyEncipherment || extended == null || !extended.contains(CLIENT_AUTH.getId())) {
                return "A transport (BRCAC) certificate needs keyUsage digitalSignature and keyEncipherment and "
                        + "extendedKeyUsage clientAuth";
            }
            return null;
        }
        boolean nonRepudiation = bits != null && bits.length > NON_REPUDIATION && bits[NON_REPUDIATION];
        if (!digitalSignature || !nonRepudiation) {
            return "A signing (BRSEAL) certificate needs keyUsage digitalSignature and nonRepudiation";
        }
        return null;
    }

    private static void subjectErrors(CertificateUsage usage, X509Certificate leaf, Organization organization,
                                      List<ErrorResponse.Error> errors) {
        X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
        String uid = attribute(subject, BCStyle.UID);
        if (usage == CertificateUsage.TRANSPORT) {
            String organizationIdentifier = attribute(subject, BCStyle.ORGANIZATION_IDENTIFIER);
            // certificates issued until August 2022 carry the participant code as organizationalUnitName
            String participant = organizationIdentifier != null && organizationIdentifier.startsWith("OFBBR-")
                    ? organizationIdentifier.substring("OFBBR-".length()) : attribute(subject, BCStyle.OU);
            if (!organization.organizationId().equals(participant)) {
                errors.add(error("ORGANIZACAO_DIVERGENTE", "Organisation mismatch",
                        "The certificate's organizationIdentifier is " + quoted(organizationIdentifier)
                                + "; the partner's organizationId requires 'OFBBR-" + organization.organizationId() + "'"));
            }
            if (!organization.softwareStatementId().equals(uid)) {
                errors.add(error("SOFTWARE_STATEMENT_DIVERGENTE", "Software statement mismatch",
                        "The certificate's UID is " + quoted(uid) + "; the partner's softwareStatementId is '"
                                + organization.softwareStatementId() + "'"));
            }
        } else if (!organization.organizationId().equals(uid)) {
            errors.add(error("ORGANIZACAO_DIVERGENTE", "Organisation mismatch",
                    "A signing certificate's UID is the participant code; it is " + quoted(uid)
                            + ", the partner's organizationId is '" + organization.organizationId() + "'"));
        }
    }

    static String attribute(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "'" + value + "'";
    }

    private static String describeKey(X509Certificate leaf) {
        return leaf.getPublicKey() instanceof RSAPublicKey rsa ? "RSA " + rsa.getModulus().bitLength() + " bits"
                : leaf.getPublicKey().getAlgorithm();
    }

    private static ErrorResponse.Error error(String code, String title, String detail) {
        return new ErrorResponse.Error(code, title, detail);
    }

    private static ApiException unprocessable(String code, String title, String detail) {
        return new ApiException(422, code, title, detail);
    }
}
