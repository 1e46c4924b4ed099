package br.com.ponte.pki;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What to put in a leaf certificate. {@link #transport} and {@link #signing} follow Open Finance
 * Brasil's certificate standard (cert-id1: BRCAC client certificate and BRSEAL signature
 * certificate); the {@code with...} methods derive variants, for instance a broken one for a test.
 */
public record IssueRequest(X500Name subject, int keyUsage, ExtendedKeyUsage extendedKeyUsage,
                           GeneralNames subjectAlternativeNames, Instant notBefore, Instant notAfter, int keyBits,
                           KeyPair keyPair) {

    /** ICP-Brasil's otherName for the CNPJ of the legal entity holding a signature certificate. */
    public static final ASN1ObjectIdentifier ICP_BRASIL_CNPJ = new ASN1ObjectIdentifier("2.16.76.1.3.3");

    /**
     * A transport (BRCAC) certificate: {@code organizationIdentifier = OFBBR-<organizationId>},
     * {@code UID = <softwareStatementId>}, {@code serialNumber = <cnpj>}, keyUsage
     * digitalSignature and keyEncipherment (critical), extendedKeyUsage clientAuth, the FQDN as
     * CN and DNS name.
     */
    public static IssueRequest transport(String organizationId, String softwareStatementId, String cnpj, String companyName,
                                         String fqdn) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.BUSINESS_CATEGORY, "Private Organization")
                .addRDN(BCStyle.JURISDICTION_C, "BR")
                .addRDN(BCStyle.SERIALNUMBER, cnpj)
                .addRDN(BCStyle.C, "BR")
                .addRDN(BCStyle.O, companyName)
                .addRDN(BCStyle.ST, "SP")
                .addRDN(BCStyle.L, "Sao Paulo")
                .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, "OFBBR-" + organizationId)
                .addRDN(BCStyle.UID, softwareStatementId)
                .addRDN(BCStyle.CN, fqdn)
                .build();
        return new IssueRequest(subject, KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth),
                new GeneralNames(new GeneralName(GeneralName.dNSName, fqdn)), null, null, 2048, null);
    }

    /**
     * A signature (BRSEAL) certificate: {@code UID = <organizationId>} (the participant code),
     * {@code CN = <companyName>}, keyUsage digitalSignature and nonRepudiation (critical), the CNPJ
     * as ICP-Brasil otherName.
     */
    public static IssueRequest signing(String organizationId, String cnpj, String companyName) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.UID, organizationId)
                .addRDN(BCStyle.C, "BR")
                .addRDN(BCStyle.O, "ICP-Brasil")
                .addRDN(BCStyle.OU, "Ponte Test PKI")
                .addRDN(BCStyle.CN, companyName)
                .build();
        ASN1EncodableVector otherName = new ASN1EncodableVector();
        otherName.add(ICP_BRASIL_CNPJ);
        otherName.add(new DERTaggedObject(true, 0, new DERPrintableString(cnpj)));
        return new IssueRequest(subject, KeyUsage.digitalSignature | KeyUsage.nonRepudiation, null,
                new GeneralNames(new GeneralName(GeneralName.otherName, new DERSequence(otherName))), null, null, 2048, null);
    }

    /**
     * A TLS server certificate ({@code CN=localhost}, serverAuth) for {@code localhost}, {@code 127.0.0.1}
     * and each further host given (a name, or an IPv4/IPv6 address), so clients can verify the hostname.
     */
    public static IssueRequest tlsServer(String organisationName, String... hosts) {
        Set<GeneralName> names = new LinkedHashSet<>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        for (String host : hosts) {
            if (host != null && !host.isBlank()) {
                names.add(new GeneralName(host.matches("[0-9.]+|\\[.*]") ? GeneralName.iPAddress : GeneralName.dNSName,
                        host.replaceAll("^\\[|]$", "")));
            }
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, "localhost").addRDN(BCStyle.O, organisationName).addRDN(BCStyle.C, "BR").build();
        return new IssueRequest(subject, KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth), new GeneralNames(names.toArray(GeneralName[]::new)),
                null, null, 2048, null);
    }

    public IssueRequest withSubject(X500Name newSubject) {
        return new IssueRequest(newSubject, keyUsage, extendedKeyUsage, subjectAlternativeNames, notBefore, notAfter, keyBits, keyPair);
    }

    public IssueRequest withValidity(Instant from, Instant until) {
        return new IssueRequest(subject, keyUsage, extendedKeyUsage, subjectAlternativeNames, from, until, keyBits, keyPair);
    }

    /** {@code KeyUsage} bits; 0 leaves the extension out. */
    public IssueRequest withKeyUsage(int bits) {
        return new IssueRequest(subject, bits, extendedKeyUsage, subjectAlternativeNames, notBefore, notAfter, keyBits, keyPair);
    }

    /** null leaves the extension out. */
    public IssueRequest withExtendedKeyUsage(ExtendedKeyUsage usage) {
        return new IssueRequest(subject, keyUsage, usage, subjectAlternativeNames, notBefore, notAfter, keyBits, keyPair);
    }

    public IssueRequest withKeyBits(int bits) {
        return new IssueRequest(subject, keyUsage, extendedKeyUsage, subjectAlternativeNames, notBefore, notAfter, bits, keyPair);
    }
}
