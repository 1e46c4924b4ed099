package br.com.ponte.sandbox.fapi;

import br.com.ponte.pki.CertificateAuthority;
import br.com.ponte.pki.IssueRequest;
import br.com.ponte.pki.IssuedCertificate;
import br.com.ponte.sandbox.SandboxTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static br.com.ponte.sandbox.fapi.DynamicClientRegistrationIT.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Client authentication at the token and PAR endpoints: mutual TLS with the client's own transport
 * certificate and a {@code private_key_jwt} assertion. A certificate the sandbox does not trust
 * fails the TLS handshake; everything else is 401 {@code invalid_client}.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class ClientAuthenticationIT {

    private static final Map<String, String> CLIENT_CREDENTIALS = Map.of("grant_type", "client_credentials", "scope", "payments");

    @Test
    void aValidAssertionMayNameTheIssuerOrTheEndpointAsAudience() throws Exception {
        Tpp tpp = Tpp.register();
        Map<String, Object> endpointAudience = tpp.assertionClaims();
        endpointAudience.put("aud", Sandbox.bank("/token"));

        assertThat(token(tpp.tls, tpp.sign(tpp.assertionClaims())).statusCode()).isEqualTo(200);
        assertThat(token(tpp.tls, tpp.sign(endpointAudience)).statusCode()).isEqualTo(200);
    }

    @Test
    void atThePushedRequestEndpointTheIssuerThatEndpointOrTheTokenEndpointMayBeTheAudience() throws Exception {
        Tpp tpp = Tpp.register();
        // RFC 9126 section 2: the authorisation server must accept each of the three
        for (String audience : List.of(Sandbox.issuer(tpp.brand), Sandbox.bank("/par"), Sandbox.bank("/token"))) {
            Map<String, Object> claims = tpp.assertionClaims();
            claims.put("aud", audience);
            HttpResponse<String> pushed = tpp.tls.postForm(Sandbox.bank("/par"), Tpp.authenticated(
                    Map.of("request", tpp.sign(Tpp.Authorization.of("code id_token").requestClaims(tpp))), tpp.sign(claims)));
            assertThat(pushed.statusCode()).as(audience + ": " + pushed.body()).isEqualTo(201);
        }
        Map<String, Object> elsewhere = tpp.assertionClaims();
        elsewhere.put("aud", Sandbox.bank("/register"));
        assertInvalidClient(tpp.tls.postForm(Sandbox.bank("/par"), Tpp.authenticated(
                Map.of("request", tpp.sign(Tpp.Authorization.of("code id_token").requestClaims(tpp))), tpp.sign(elsewhere))));
    }

    @Test
    void withoutAClientCertificateTheClientIsNotAuthenticated() throws Exception {
        Tpp tpp = Tpp.register();

        assertInvalidClient(token(TlsClient.anonymous(), tpp.sign(tpp.assertionClaims())));
        assertInvalidClient(TlsClient.anonymous().postForm(Sandbox.bank("/par"), Tpp.authenticated(
                Map.of("request", tpp.sign(Tpp.Authorization.of("code id_token").requestClaims(tpp))),
                tpp.sign(tpp.assertionClaims()))));
    }

    @Test
    void theCertificateOfAnotherSoftwareStatementIsRefused() throws Exception {
        Tpp tpp = Tpp.register();
        Software neighbour = Software.create(tpp.software.organisationId);

        assertInvalidClient(token(neighbour.tls(), tpp.sign(tpp.assertionClaims())));
    }

    @Test
    void aCertificateFromAnotherAuthorityFailsTheHandshake() throws Exception {
        Tpp tpp = Tpp.register();
        CertificateAuthority stranger = CertificateAuthority.root("Stranger Root").intermediate("Stranger Issuing");
        IssuedCertificate lookalike = stranger.issue(transportOf(tpp.software));

        assertHandshakeFails(TlsClient.presenting(lookalike), tpp);
    }

    @Test
    void anExpiredCertificateFailsTheHandshake() throws Exception {
        Tpp tpp = Tpp.register();
        Instant now = Instant.now();
        IssuedCertificate expired = Sandbox.authority().issue(transportOf(tpp.software)
                .withValidity(now.minus(30, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS)));

        assertHandshakeFails(TlsClient.presenting(expired), tpp);
    }

    @Test
    void anAssertionNotSignedWithTheClientsSigningKeyIsRefused() throws Exception {
        Tpp tpp = Tpp.register();

        assertInvalidClient(token(tpp.tls, Tpp.sign(tpp.assertionClaims(), tpp.software.transport.privateKey(),
                tpp.software.signingKid)));
    }

    @Test
    void anAssertionForAnotherAudienceIsRefused() throws Exception {
        Tpp tpp = Tpp.register();
        Map<String, Object> claims = tpp.assertionClaims();
        claims.put("aud", Sandbox.bank("/par"));

        assertInvalidClient(token(tpp.tls, tpp.sign(claims)));
    }

    @Test
    void anExpiredAssertionIsRefused() throws Exception {
        Tpp tpp = Tpp.register();
        Map<String, Object> claims = tpp.assertionClaims();
        long now = Instant.now().getEpochSecond();
        claims.put("iat", now - 400);
        claims.put("exp", now - 100);

        assertInvalidClient(token(tpp.tls, tpp.sign(claims)));
    }

    @Test
    void anAssertionValidForMoreThanFiveMinutesIsRefused() throws Exception {
        Tpp tpp = Tpp.register();
        Map<String, Object> claims = tpp.assertionClaims();
        claims.put("exp", Instant.now().getEpochSecond() + 3600);

        assertInvalidClient(token(tpp.tls, tpp.sign(claims)));
    }

    @Test
    void anAssertionIsAcceptedOnce() throws Exception {
        Tpp tpp = Tpp.register();
        String assertion = tpp.sign(tpp.assertionClaims());

        assertThat(token(tpp.tls, assertion).statusCode()).isEqualTo(200);
        assertInvalidClient(token(tpp.tls, assertion));
    }

    @Test
    void anAssertionMustBeOfTheClientItsCertificateBelongsTo() throws Exception {
        Tpp tpp = Tpp.register();
        Tpp other = Tpp.register();
        Map<String, Object> claims = other.assertionClaims();

        assertInvalidClient(token(tpp.tls, other.sign(claims)));
        assertInvalidClient(tpp.tls.postForm(Sandbox.bank("/token"), Map.of("grant_type", "client_credentials",
                "scope", "payments", "client_id", tpp.clientId)));
    }

    private static HttpResponse<String> token(TlsClient client, String assertion) throws IOException {
        return client.postForm(Sandbox.bank("/token"), Tpp.authenticated(CLIENT_CREDENTIALS, assertion));
    }

    private static IssueRequest transportOf(Software software) {
        return IssueRequest.transport(software.organisationId, software.softwareStatementId, "11222333000181",
                "Iniciadora Teste Ltda", software.softwareStatementId + ".sandbox.local");
    }

    private static void assertInvalidClient(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(error(response)).isEqualTo("invalid_client");
    }

    /** The server ends the handshake with an alert (the client itself trusts the server). */
    private static void assertHandshakeFails(TlsClient client, Tpp tpp) {
        assertThatThrownBy(() -> token(client, tpp.sign(tpp.assertionClaims())))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("Received fatal alert");
    }
}
