package br.com.ponte.consent.whitelabel;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How every whitelabel screen is sent (payments, data sharing, the dashboard): server-rendered HTML
 * with a Content-Security-Policy that allows this service's stylesheet, the brand's colours (by a
 * nonce per page) and the logos shown, and nothing else; never cached; with no referrer, so the
 * credential in a screen's URL does not travel to logo hosts, banks or partners.
 */
public final class Screens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Screens() {
    }

    /** What every screen needs: the partner's brand, and the nonce its colours are allowed by. */
    public record Page(Branding brand, String nonce) {

        public static Page of(WhitelabelSettings settings) {
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            return new Page(Branding.of(settings), Base64.getEncoder().encodeToString(nonce));
        }
    }

    /**
     * The page, with {@code images} (absolute URLs; null ones skipped) and the brand's logo allowed, and
     * forms allowed to post to this service and to lead to {@code formTargets} (CSP sources: an origin,
     * or a scheme such as {@code https:}), for a form whose answer redirects elsewhere.
     */
    public static Uni<Response.ResponseBuilder> html(int status, Page page, TemplateInstance template,
                                                     Collection<String> images, Collection<String> formTargets) {
        Set<String> imageSources = new LinkedHashSet<>();
        imageSources.add("'self'");
        List<String> all = new ArrayList<>(images);
        all.add(page.brand().logoUrl());
        for (String image : all) {
            if (image != null) {
                imageSources.add(origin(image));
            }
        }
        Set<String> formSources = new LinkedHashSet<>();
        formSources.add("'self'");
        formSources.addAll(formTargets);
        String policy = "default-src 'none'; style-src 'self' 'nonce-" + page.nonce() + "'; img-src "
                + String.join(" ", imageSources) + "; form-action " + String.join(" ", formSources)
                + "; base-uri 'none'; frame-ancestors 'none'";
        return template.createUni().map(html -> Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html)
                .header("Content-Security-Policy", policy)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff"));
    }

    public static Uni<Response> render(int status, Page page, TemplateInstance template, Collection<String> images,
                                       Collection<String> formTargets) {
        return html(status, page, template, images, formTargets).map(Response.ResponseBuilder::build);
    }

    public static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer").build();
    }

    /** {@code scheme://authority} of an absolute URL, as CSP names a source. */
    public static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
