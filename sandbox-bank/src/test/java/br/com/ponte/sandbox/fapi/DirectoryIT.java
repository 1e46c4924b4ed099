package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static br.com.ponte.sandbox.fapi.Software.call;
import static org.assertj.core.api.Assertions.assertThat;

/** The directory: software statements, the certificates it issues, the keys it publishes, software statement assertions. */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class DirectoryIT {

    @Test
    void theDirectoryIssuesCertificatesShapedByTheCertificateStandardAndPublishesTheirKeys() throws Exception {
        Software software = Software.create();

        X500Name transport = X500Name.getInstance(software.transport.certificate().getSubjectX500Principal().getEncoded());
        assertThat(attribute(transport, BCStyle.ORGANIZATION_IDENTIFIER)).isEqualTo("OFBBR-" + software.organisationId);
        assertThat(attribute(transport, BCStyle.UID)).isEqualTo(software.softwareStatementId);
        assertThat(attribute(transport, BCStyle.SERIALNUMBER)).isEqualTo("11222333000181");
        assertThat(software.transport.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        X500Name signing = X500Name.getInstance(software.signing.certificate().getSubjectX500Principal().getEncoded());
        assertThat(attribute(signing, BCStyle.UID)).isEqualTo(software.organisationId);
        assertThat(software.transport.chain()).hasSize(2);
        software.transport.chain().get(1).verify(Sandbox.root().getPublicKey());

        JsonWebKeySet application = jwks(software.path("/application.jwks"));
        assertThat(application.getJsonWebKeys()).hasSize(1);
        PublicJsonWebKey signingKey = (PublicJsonWebKey) application.getJsonWebKeys().get(0);
        assertThat(signingKey.getKeyId()).isEqualTo(software.signingKid)
                .isEqualTo(signingKey.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
        assertThat(signingKey.getUse()).isEqualTo("sig");
        assertThat(signingKey.getAlgorithm()).isEqualTo("PS256");
        assertThat(signingKey.getCertificateChain().get(0)).isEqualTo(software.signing.certificate());

        JsonWebKeySet transportKeys = jwks(software.path("/transport.jwks"));
        assertThat(transportKeys.getJsonWebKeys()).extracting(JsonWebKey::getUse).containsExactly("tls");
        assertThat(((PublicJsonWebKey) transportKeys.getJsonWebKeys().get(0)).getCertificateChain().get(0))
                .isEqualTo(software.transport.certificate());
    }

    @Test
    void theSoftwareStatementAssertionIsSignedByTheDirectoryAndSaysWhatDcrSays() throws Exception {
        Software software = Software.create();
        String assertion = software.assertion();

        JsonWebSignature header = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(assertion);
        assertThat(header.getAlgorithmHeaderValue()).isEqualTo("PS256");
        JsonWebKeySet directoryKeys = jwks(Sandbox.directory("/directory/jwks"));
        assertThat(header.getKeyIdHeaderValue()).isEqualTo(directoryKeys.getJsonWebKeys().get(0).getKeyId());
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(directoryKeys.getJsonWebKeys().get(0).getKey())
                .setRequireIssuedAt()
                .setSkipDefaultAudienceValidation()
                .build().processToClaims(assertion);

        assertThat(claims.getStringClaimValue("software_id")).isEqualTo(software.softwareStatementId);
        assertThat(claims.getStringClaimValue("org_id")).isEqualTo(software.organisationId);
        assertThat(claims.getStringClaimValue("org_name")).isEqualTo("Iniciadora Teste Ltda");
        assertThat(claims.getStringClaimValue("software_client_name")).isEqualTo("Ponte test client");
        assertThat(claims.getStringListClaimValue("software_redirect_uris"))
                .containsExactly(Software.REDIRECT_URI, Software.OTHER_REDIRECT_URI);
        assertThat(claims.getStringListClaimValue("software_roles")).containsExactly("DADOS", "PAGTO");
        assertThat(claims.getStringClaimValue("software_jwks_uri")).isEqualTo(software.path("/application.jwks"));
        assertThat(claims.getIssuer()).isNotBlank();
        assertThat(claims.getIssuedAt().getValue()).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond());

        // dcr-id3 section 8.1 lists the claims of a software statement: no other, and of the same JSON types
        JsonNode specification = Json.parse(Files.readString(Path.of("src/test/resources/ofb/dcr-id3_software-statement-claims.json")));
        JsonNode issued = Json.parse(claims.toJson());
        for (Iterator<Map.Entry<String, JsonNode>> it = issued.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> claim = it.next();
            assertThat(specification.has(claim.getKey())).as(claim.getKey()).isTrue();
            assertThat(claim.getValue().getNodeType()).as(claim.getKey())
                    .isEqualTo(specification.get(claim.getKey()).getNodeType());
        }
    }

    @Test
    void aSoftwareStatementMayBeAddedToAnExistingOrganisation() {
        Software first = Software.create();
        Software second = Software.create(first.organisationId);

        assertThat(second.organisationId).isEqualTo(first.organisationId);
        assertThat(second.softwareStatementId).isNotEqualTo(first.softwareStatementId);
    }

    @Test
    void theDirectoryRefusesWhatItCannotIssue() {
        HttpResponse<String> noCnpj = call(() -> TlsClient.anonymous().postJson(Sandbox.directory("/directory/software-statements"),
                Json.write(Map.of("organisationName", "X", "clientName", "Y", "redirectUris", List.of(Software.REDIRECT_URI)))));
        assertThat(noCnpj.statusCode()).isEqualTo(400);
        assertThat(Json.of(noCnpj).at("/errors/0/code").asText()).isEqualTo("PARAMETRO_INVALIDO");

        HttpResponse<String> plainHttpRedirect = call(() -> TlsClient.anonymous().postJson(
                Sandbox.directory("/directory/software-statements"), Json.write(Map.of("organisationName", "X",
                        "clientName", "Y", "cnpj", "11222333000181", "redirectUris", List.of("http://tpp.example/cb")))));
        assertThat(plainHttpRedirect.statusCode()).isEqualTo(400);

        Software software = Software.create();
        HttpResponse<String> badUsage = call(() -> TlsClient.anonymous().postJson(software.path("/certificates"),
                Json.write(Map.of("usage", "ENCRYPTION"))));
        assertThat(badUsage.statusCode()).isEqualTo(400);

        HttpResponse<String> unknown = call(() -> TlsClient.anonymous().get(Sandbox.directory(
                "/directory/organisations/" + software.organisationId + "/softwarestatements/"
                        + UUID.randomUUID() + "/assertion")));
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    static JsonWebKeySet jwks(String url) throws IOException, JoseException {
        HttpResponse<String> response = TlsClient.anonymous().get(url);
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonWebKeySet(response.body());
    }

    private static String attribute(X500Name name, ASN1ObjectIdentifier type) {
        return IETFUtils.valueToString(name.getRDNs(type)[0].getFirst().getValue());
    }
}
