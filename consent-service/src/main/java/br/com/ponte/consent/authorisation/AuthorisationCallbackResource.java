package br.com.ponte.consent.authorisation;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Where the bank sends the user back ({@code redirect_uri} of the pushed request), for every kind of
 * consent. The bank's answer is in the URL's fragment ({@code response_type=code id_token}), which
 * browsers do not send to servers, or in its query ({@code response}, a JARM JWT): the page reads it,
 * takes it out of the history and posts it here as a form, and the answer
 * sends the user on: to the partner's {@code redirectUri} for a payment consent, to the result screen
 * of the sharing session for a sharing consent.
 */
@Path("/v1/authorisations/callback")
@Tag(name = "Authorisation callback (users' browsers)")
@PermitAll
public class AuthorisationCallbackResource {

    private static final String PAGE = readPage();

    private final Authorisations authorisations;

    public AuthorisationCallbackResource(Authorisations authorisations) {
        this.authorisations = authorisations;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The page the bank redirects the user to; posts the redirect's fragment to this same path")
    public Response page() {
        return Response.ok(PAGE)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                // the page's own script and style only, by hash; never in a frame (it carries the bank's code);
                // no form-action: the form's answer redirects to the partner's site, which form-action would block
                .header("Content-Security-Policy", "default-src 'none'; script-src " + hash(PAGE, "script")
                        + "; style-src " + hash(PAGE, "style") + "; base-uri 'none'; frame-ancestors 'none'")
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete the authorisation with the bank's answer",
            description = "Form fields as the bank's redirect has them: state with code and id_token, or state with error "
                    + "and error_description (the hybrid flow); or response, one JWT holding them (JARM), checked first "
                    + "(signature by the bank's key, iss, aud, exp). Checks the id_token (signature, nonce, acr; c_hash "
                    + "and s_hash in the hybrid flow), exchanges the code, mirrors the consent's status at the bank (with its event) and answers 303: for a payment "
                    + "consent to the partner's redirectUri with consentId and status, for a sharing consent to the "
                    + "session's result screen.")
    public Uni<Response> complete(@FormParam("state") String state, @FormParam("code") String code,
                                  @FormParam("id_token") String idToken, @FormParam("error") String error,
                                  @FormParam("error_description") String errorDescription,
                                  @FormParam("response") String response) {
        return authorisations.callback(new Authorisations.BankReturn(state, code, idToken, error, errorDescription,
                response)).map(back -> Response
                .seeOther(back)
                .header("Cache-Control", "no-store")
                .build());
    }

    /** CSP's source for the page's one inline {@code <tag>}: {@code 'sha256-…'} of exactly its text. */
    static String hash(String page, String tag) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<" + tag + ">(.*?)</" + tag + ">",
                java.util.regex.Pattern.DOTALL).matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("callback.html has no <" + tag + ">");
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + java.util.Base64.getEncoder().encodeToString(digest) + "'";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readPage() {
        try (InputStream in = AuthorisationCallbackResource.class.getResourceAsStream("/callback.html")) {
            if (in == null) {
                throw new IllegalStateException("callback.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The payment consents' callback path, which partners' software statements registered at banks
     * before the callback served every kind of consent: the same page and completion.
     */
    @Path("/v1/payment-consents/callback")
    @Tag(name = "Authorisation callback (users' browsers)")
    @PermitAll
    public static class PaymentConsentsAlias extends AuthorisationCallbackResource {

        public PaymentConsentsAlias(Authorisations authorisations) {
            super(authorisations);
        }
    }
}
