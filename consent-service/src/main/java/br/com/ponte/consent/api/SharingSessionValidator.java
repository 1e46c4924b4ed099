package br.com.ponte.consent.api;

import br.com.ponte.consent.sharing.PermissionGroup;
import br.com.ponte.kit.api.ApiException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static br.com.ponte.consent.api.FieldErrors.blank;
import static br.com.ponte.consent.api.FieldErrors.isHttpUrl;

/**
 * The checks of a session request that need nothing but the request; every problem at once, in Open
 * Finance's shape (422 {@code PARAMETRO_NAO_INFORMADO} / {@code PARAMETRO_INVALIDO}; the consents API's
 * own codes where it has one: {@code PERMISSAO_PF_PJ_EM_CONJUNTO}, {@code INFORMACOES_PJ_NAO_INFORMADAS}).
 * The institutions are checked against the directory by the resource.
 */
final class SharingSessionValidator {

    static final int PURPOSE_MAX = 500;
    static final int JUSTIFICATION_MAX = 300;

    private final FieldErrors errors = new FieldErrors();

    private SharingSessionValidator() {
    }

    static void validate(SharingSessionRequest r) {
        if (r == null) {
            throw ApiException.badRequest("PARAMETRO_NAO_INFORMADO", "The request body is required");
        }
        SharingSessionValidator v = new SharingSessionValidator();
        v.check(r);
        v.errors.throwIfAny();
    }

    private void check(SharingSessionRequest r) {
        UserDocuments.check(errors, r.loggedUser(), r.businessEntity());
        boolean business = r.businessEntity() != null;
        if (blank(r.purpose())) {
            errors.missing("purpose");
        } else if (r.purpose().strip().length() > PURPOSE_MAX) {
            errors.invalid("purpose", "has more than " + PURPOSE_MAX + " characters");
        }
        groups(r.permissionGroups(), business);
        if (r.durationMonths() != null && Boolean.TRUE.equals(r.indefinite())) {
            errors.invalid("durationMonths", "and indefinite cannot both be sent: a sharing has a term or none");
        } else if (r.durationMonths() == null && !Boolean.TRUE.equals(r.indefinite())) {
            errors.missing("durationMonths (1 to 12) or indefinite");
        } else if (r.durationMonths() != null && (r.durationMonths() < 1 || r.durationMonths() > 12)) {
            errors.invalid("durationMonths", "must be from 1 to 12 (Open Finance allows at most 12 months)");
        }
        if (blank(r.redirectUri())) {
            errors.missing("redirectUri");
        } else if (!isHttpUrl(r.redirectUri()) || r.redirectUri().length() > 2048) {
            errors.invalid("redirectUri", "must be an absolute http(s) URL of at most 2048 characters");
        }
        if (r.institutions() != null) {
            if (r.institutions().isEmpty()) {
                errors.invalid("institutions", "must name at least one institution when sent");
            }
            if (r.institutions().stream().anyMatch(FieldErrors::blank)) {
                errors.invalid("institutions", "must not hold blank ids");
            }
        }
    }

    private void groups(List<SharingSessionRequest.Group> groups, boolean business) {
        if (groups == null || groups.isEmpty()) {
            errors.missing("permissionGroups");
            return;
        }
        Set<String> seen = new HashSet<>();
        boolean personal = false;
        boolean company = false;
        for (int i = 0; i < groups.size(); i++) {
            SharingSessionRequest.Group g = groups.get(i);
            String field = "permissionGroups[" + i + "]";
            if (g == null || blank(g.group())) {
                errors.missing(field + ".group");
                continue;
            }
            PermissionGroup group = PermissionGroup.of(g.group()).orElse(null);
            if (group == null) {
                errors.invalid(field + ".group", "is not a permission group: one of " + List.of(PermissionGroup.values()));
                continue;
            }
            if (!seen.add(g.group())) {
                errors.invalid(field + ".group", "is asked for twice");
            }
            personal |= group.holder() == PermissionGroup.Holder.PERSON;
            company |= group.holder() == PermissionGroup.Holder.BUSINESS;
            if (g.justification() != null && g.justification().strip().length() > JUSTIFICATION_MAX) {
                errors.invalid(field + ".justification", "has more than " + JUSTIFICATION_MAX + " characters");
            }
        }
        if (personal && company) {
            errors.add("PERMISSAO_PF_PJ_EM_CONJUNTO", "Permissões de PF e PJ em conjunto",
                    "permissionGroups mixes a person's and a company's registration data");
        } else if (company && !business) {
            errors.add("INFORMACOES_PJ_NAO_INFORMADAS", "Informações de PJ não informadas",
                    "permissionGroups asks for a company's registration data without businessEntity");
        } else if (personal && business) {
            errors.add("PERMISSOES_PJ_INCORRETAS", "Permissões de PJ incorretas",
                    "with businessEntity, ask for the company's registration data (CUSTOMERS_BUSINESS_*), not a person's");
        }
    }
}
