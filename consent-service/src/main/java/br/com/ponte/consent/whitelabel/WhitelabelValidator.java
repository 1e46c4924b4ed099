package br.com.ponte.consent.whitelabel;

import br.com.ponte.consent.api.FieldErrors;
import br.com.ponte.kit.api.ApiException;

import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

import static br.com.ponte.consent.api.FieldErrors.blank;
import static br.com.ponte.consent.api.FieldErrors.isHttpUrl;

/**
 * The checks on a partner's whitelabel. Logos are fetched by users' browsers from the partner, so
 * only https is accepted (http on the loopback interface too, for development); colours must be
 * {@code #rrggbb}, as CSS takes them; texts are bounded so the screens stay usable on a phone.
 */
final class WhitelabelValidator {

    static final int BRAND_NAME_MAX = 60;
    private static final int URL_MAX = 2048;
    private static final Pattern COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("^127(\\.\\d{1,3}){3}$");

    private final FieldErrors errors = new FieldErrors();

    private WhitelabelValidator() {
    }

    /** Throws a 422 {@link ApiException} listing every problem, or returns when the request is valid. */
    static void validate(WhitelabelRequest r) {
        if (r == null) {
            throw ApiException.badRequest("PARAMETRO_NAO_INFORMADO", "The request body is required");
        }
        WhitelabelValidator v = new WhitelabelValidator();
        v.check(r);
        v.errors.throwIfAny();
    }

    private void check(WhitelabelRequest r) {
        if (blank(r.brandName())) {
            errors.missing("brandName");
        } else if (r.brandName().strip().length() > BRAND_NAME_MAX) {
            errors.invalid("brandName", "has more than " + BRAND_NAME_MAX + " characters");
        }
        if (r.logoUrl() != null && !isLogoUrl(r.logoUrl())) {
            errors.invalid("logoUrl", "must be an absolute https URL (http only on localhost or 127.0.0.1), at most "
                    + URL_MAX + " characters");
        }
        color("primaryColor", r.primaryColor());
        color("accentColor", r.accentColor());
        WhitelabelTextsBody t = r.texts();
        if (t != null) {
            texts("texts.", t.flatPayment());
            texts("texts.payment.", t.payment());
            texts("texts.sharing.", t.sharing());
            texts("texts.dashboard.", t.dashboard());
            Map<String, String> namespaced = TextRecords.values(t.payment());
            TextRecords.values(t.flatPayment()).forEach((name, flat) -> {
                String other = namespaced.get(name);
                if (flat != null && other != null && !flat.equals(other)) {
                    errors.invalid("texts." + name, "differs from texts.payment." + name
                            + ": it is that text's former spelling; send it once, under texts.payment");
                }
            });
        }
    }

    /** Every text of one product's record, each within the limit its name gives it. */
    private void texts(String prefix, Record texts) {
        TextRecords.values(texts).forEach((name, value) -> text(prefix + name, value, TextRecords.maxLength(name)));
    }

    private void color(String field, String value) {
        if (value != null && !COLOR.matcher(value).matches()) {
            errors.invalid(field, "must be a colour as #rrggbb, e.g. #1d4ed8");
        }
    }

    private void text(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            errors.invalid(field, "must not be blank; leave it out for the default");
        } else if (value.length() > max) {
            errors.invalid(field, "has more than " + max + " characters");
        }
    }

    private static boolean isLogoUrl(String value) {
        if (value.length() > URL_MAX || !isHttpUrl(value)) {
            return false;
        }
        URI uri = URI.create(value);
        return uri.getRawUserInfo() == null && ("https".equals(uri.getScheme()) || isLoopback(uri.getHost()));
    }

    private static boolean isLoopback(String host) {
        return "localhost".equalsIgnoreCase(host) || "[::1]".equals(host) || IPV4_LOOPBACK.matcher(host).matches();
    }
}
