package br.com.ponte.sandbox.sharing;

import br.com.ponte.sandbox.resource.ApiError;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What consents v3 asks of a bank about the permissions and the expiry of a new consent (its
 * description and the "Orientações" it points to): every group asked for whole, with
 * {@code RESOURCES_READ}; a person's and a company's registration data never together; a company's
 * only with {@code businessEntity}; an expiry in the future and at most 12 months ahead, or none
 * (indefinite). Then the bank keeps the permissions of the data it offers (a grouped product's
 * group whole or not at all) and refuses the consent when nothing functional is left.
 */
final class PermissionRules {

    /** A consent, or its renewal, may last at most this many months. */
    static final int MAX_MONTHS = 12;

    private PermissionRules() {
    }

    /** The permissions named; 400 for a name outside the spec's enum or a name twice. */
    static List<Permission> parse(Collection<String> names) {
        Set<Permission> permissions = new LinkedHashSet<>();
        for (String name : names) {
            Permission permission;
            try {
                permission = Permission.valueOf(name);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw ApiError.badRequest("PARAMETRO_INVALIDO", "Permissão inexistente: " + name + ".");
            }
            if (!permissions.add(permission)) {
                throw ApiError.badRequest("PARAMETRO_INVALIDO", "Permissão repetida: " + name + ".");
            }
        }
        return List.copyOf(permissions);
    }

    /**
     * The permissions a bank offering {@code offered} keeps of those asked for a consent with (or
     * without) a company, until {@code expiration} (null: indefinite), in this order: 422
     * {@code PERMISSAO_PF_PJ_EM_CONJUNTO}, {@code INFORMACOES_PJ_NAO_INFORMADAS},
     * {@code PERMISSOES_PJ_INCORRETAS}, {@code COMBINACAO_PERMISSOES_INCORRETA},
     * {@code DATA_EXPIRACAO_INVALIDA} or {@code SEM_PERMISSOES_FUNCIONAIS_RESTANTES} when it cannot.
     */
    static List<Permission> kept(List<Permission> asked, boolean businessEntity, Instant expiration, Instant now,
                                 Set<DataCategory> offered) {
        boolean personal = asked.stream().anyMatch(Permission::personal);
        boolean business = asked.stream().anyMatch(Permission::business);
        if (personal && business) {
            throw refused("PERMISSAO_PF_PJ_EM_CONJUNTO", "Permissões de pessoa física e jurídica em conjunto.",
                    "Dados cadastrais de pessoa física e de pessoa jurídica não podem ser pedidos no mesmo consentimento.");
        }
        if (business && !businessEntity) {
            throw refused("INFORMACOES_PJ_NAO_INFORMADAS", "Informações de pessoa jurídica não informadas.",
                    "Permissões de pessoa jurídica exigem businessEntity.");
        }
        if (personal && businessEntity) {
            throw refused("PERMISSOES_PJ_INCORRETAS", "Permissões de pessoa jurídica incorretas.",
                    "Um consentimento com businessEntity não pode pedir dados cadastrais de pessoa física.");
        }
        List<PermissionGroup> groups = PermissionGroup.whollyIn(asked);
        Set<Permission> covered = EnumSet.noneOf(Permission.class);
        groups.forEach(group -> covered.addAll(group.permissions()));
        if (!covered.containsAll(asked)) {
            List<Permission> loose = asked.stream().filter(permission -> !covered.contains(permission)).toList();
            throw refused("COMBINACAO_PERMISSOES_INCORRETA", "Combinação de permissões incorreta.",
                    "Cada agrupamento deve ser pedido inteiro, com RESOURCES_READ; fora de um agrupamento completo: "
                            + loose + ".");
        }
        checkExpiration(expiration, now);
        Set<Permission> keep = EnumSet.noneOf(Permission.class);
        groups.stream().filter(group -> offered.contains(group.category()))
                .forEach(group -> keep.addAll(group.permissions()));
        if (keep.stream().allMatch(permission -> permission == Permission.RESOURCES_READ)) {
            throw refused("SEM_PERMISSOES_FUNCIONAIS_RESTANTES", "Sem permissões funcionais restantes.",
                    "A instituição não oferece nenhum dos dados pedidos.");
        }
        return asked.stream().filter(keep::contains).toList();
    }

    /**
     * An expiry for a consent or a renewal: in the future and at most 12 months from now, or none
     * (indefinite); 422 {@code DATA_EXPIRACAO_INVALIDA} otherwise.
     */
    static void checkExpiration(Instant expiration, Instant now) {
        if (expiration == null) {
            return;
        }
        if (!expiration.isAfter(now)) {
            throw invalidExpiration("A data de expiração deve ser futura.");
        }
        if (expiration.isAfter(now.atOffset(ZoneOffset.UTC).plusMonths(MAX_MONTHS).toInstant())) {
            throw invalidExpiration("A data de expiração pode estar no máximo " + MAX_MONTHS + " meses à frente.");
        }
    }

    static ApiError invalidExpiration(String detail) {
        return refused("DATA_EXPIRACAO_INVALIDA", "Data de expiração inválida.", detail);
    }

    private static ApiError refused(String code, String title, String detail) {
        return ApiError.unprocessable(code, title, detail);
    }
}
