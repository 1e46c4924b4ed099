package br.com.ponte.sandbox.sharing;

import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.brand.BrandTables;
import br.com.ponte.sandbox.config.SandboxConfig;
import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.ConsentKind;
import br.com.ponte.sandbox.resource.ConsentsOfKind;
import br.com.ponte.sandbox.sharing.Customers.Customer;
import br.com.ponte.sandbox.sharing.Customers.Product;
import br.com.ponte.sandbox.store.SandboxStore;
import br.com.ponte.sandbox.store.Sweeper;
import br.com.ponte.sandbox.store.Table;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Each brand's data-sharing consents: created by the receiving institution, decided by the user on
 * the authorisation page, their multi-approver resources decided by the second approver, renewed,
 * revoked by the receiving institution or at the bank, expired by the clock. The brand is the
 * request's; the clock goes through every brand.
 */
@ApplicationScoped
public class SharingConsents implements ConsentsOfKind, Sweeper {

    private final BrandTables<SharingConsent> consents;
    private final BrandContext bank;
    private final Customers customers;
    private final SandboxConfig config;

    public SharingConsents(SandboxStore store, BrandContext bank, Customers customers, SandboxConfig config) {
        this.consents = new BrandTables<>(store, bank, "sharingConsents", SharingConsent.class);
        this.bank = bank;
        this.customers = customers;
        this.config = config;
    }

    /** A new consent of the client, awaiting authorisation, with the permissions the brand kept. */
    synchronized SharingConsent create(String clientId, String cpf, String cnpj, List<Permission> permissions,
                                       Instant expiration) {
        Brand brand = bank.brand();
        SharingConsent consent = SharingConsent.create("urn:" + brand.urnNamespace() + ":" + UUID.randomUUID(), clientId,
                cpf, cnpj, permissions, expiration, Instant.now(), config.sharing().authorisationTimeout());
        consents.of(brand).put(consent.consentId(), consent);
        return consent;
    }

    /** The consent at the request's brand, as it is now (the clock applied). */
    public synchronized Optional<SharingConsent> find(String consentId) {
        return find(bank.brand(), consentId);
    }

    /** The consent at {@code brand}, as it is now (the clock applied). */
    public synchronized Optional<SharingConsent> find(Brand brand, String consentId) {
        Table<SharingConsent> table = consents.of(brand);
        return Optional.ofNullable(consentId).flatMap(table::find)
                .map(consent -> change(table, consent, current -> current.at(Instant.now())));
    }

    /** The client's consent: 404 {@code NOT_FOUND} when there is none, 403 {@code FORBIDDEN} when it is another client's. */
    synchronized SharingConsent ofClient(String consentId, String clientId) {
        SharingConsent consent = find(consentId)
                .orElseThrow(() -> ApiError.notFound("Consentimento " + consentId + " não encontrado."));
        if (!consent.clientId().equals(clientId)) {
            throw ApiError.forbidden("O consentimento não é deste cliente.");
        }
        return consent;
    }

    /**
     * {@code DELETE}: the receiving institution revokes on the user's behalf (an awaiting consent is
     * rejected); 422 {@code CONSENTIMENTO_EM_STATUS_REJEITADO} when it is REJECTED already.
     */
    synchronized void delete(String consentId, String clientId) {
        SharingConsent consent = ofClient(consentId, clientId);
        if (consent.status() == SharingConsentStatus.REJECTED) {
            throw ApiError.unprocessable("CONSENTIMENTO_EM_STATUS_REJEITADO", "Consentimento em status rejeitado.",
                    "O consentimento " + consentId + " já está rejeitado.");
        }
        change(consent, current -> current.deleteByClient(Instant.now()));
    }

    /**
     * The consent is renewed until {@code expiration} (null: indefinitely) by the user {@code cpf}
     * (of company {@code cnpj}, when named), without redirection; the 422s of
     * {@code 422ResponseErrorCreateConsent} when it may not be.
     */
    synchronized SharingConsent extend(String consentId, String clientId, String cpf, String cnpj, Instant expiration,
                                       String ipAddress, String userAgent) {
        SharingConsent consent = ofClient(consentId, clientId);
        if (consent.status() != SharingConsentStatus.AUTHORISED) {
            throw ApiError.unprocessable("ESTADO_CONSENTIMENTO_INVALIDO", "Estado inválido do consentimento.",
                    "O consentimento informado não pode ser renovado sem redirecionamento porque está em "
                            + consent.status() + ".");
        }
        if (consent.dependsOnMultipleApproval()) {
            throw ApiError.unprocessable("DEPENDE_MULTIPLA_ALCADA", "Necessário aprovação de múltipla alçada.",
                    "O consentimento informado não pode ser renovado sem redirecionamento porque depende de múltipla "
                            + "alçada para aprovação.");
        }
        if (!mayRenew(consent, cpf, cnpj)) {
            throw ApiError.unprocessable("ERRO_NAO_MAPEADO", "Usuário sem permissão para renovar.",
                    "O usuário logado (loggedUser) ou a empresa (businessEntity) não são os do consentimento.");
        }
        Instant now = Instant.now();
        if (consent.expirationDateTime() == null
                || expiration != null && !expiration.isAfter(consent.expirationDateTime())) {
            throw ApiError.unprocessable("DATA_EXPIRACAO_INVALIDA", "Nova data para expiração do consentimento é inválida.",
                    "A nova data de expiração deve ser posterior à atual (" + (consent.expirationDateTime() == null
                            ? "prazo indeterminado" : consent.expirationDateTime()) + ").");
        }
        try {
            PermissionRules.checkExpiration(expiration, now);
        } catch (ApiError invalid) {
            throw ApiError.unprocessable("DATA_EXPIRACAO_INVALIDA", "Nova data para expiração do consentimento é inválida.",
                    invalid.getMessage());
        }
        ConsentExtension extension = new ConsentExtension(now, expiration, consent.expirationDateTime(), cpf, ipAddress,
                userAgent);
        return change(consent, current -> current.extend(expiration, extension));
    }

    /**
     * A person's consent is renewed by its own logged user only; a company's by any of its
     * representatives (the logged user, for a company the sandbox does not know).
     */
    private boolean mayRenew(SharingConsent consent, String cpf, String cnpj) {
        if (!consent.business()) {
            return cnpj == null && consent.loggedUserCpf().equals(cpf);
        }
        if (cnpj != null && !cnpj.equals(consent.businessCnpj())) {
            return false;
        }
        return consent.loggedUserCpf().equals(cpf) || Customers.find(bank.brand(), consent.businessCnpj())
                .map(company -> company.representatives().contains(cpf)).orElse(false);
    }

    /** The client's consent, if it is still waiting for the user: what a pushed authorisation request may name. */
    public Optional<SharingConsent> awaitingAuthorisation(String consentId, String clientId) {
        return find(consentId).filter(consent -> consent.clientId().equals(clientId)
                && consent.status() == SharingConsentStatus.AWAITING_AUTHORISATION);
    }

    /** What the user chose on the page: the accounts and cards to share, or everything when they chose nothing. */
    public record Selection(boolean explicit, List<String> resourceIds) {

        public Selection {
            resourceIds = resourceIds == null ? List.of() : List.copyOf(resourceIds);
            explicit = explicit || !resourceIds.isEmpty();
        }
    }

    /** The customer's products the consent's permissions bring in: of the company for a company's consent. */
    public List<Product> offered(SharingConsent consent) {
        Set<Permission> permissions = Set.copyOf(consent.permissions());
        return Customers.products(bank.brand(), consent.customerDocument()).stream()
                .filter(product -> permissions.contains(product.type().coveredBy())).toList();
    }

    /**
     * Whether {@code cpf} may approve the consent, or the refusal the page shows (400): it must be the
     * consent's logged user (and a representative of a company the bank knows).
     */
    public void checkApprover(SharingConsent consent, String cpf) {
        if (!consent.loggedUserCpf().equals(cpf)) {
            throw Refusal.badRequest("Este CPF não é o do cliente que pediu o compartilhamento. Entre com o CPF "
                    + "informado na instituição que fez o pedido.");
        }
        if (consent.business() && Customers.find(bank.brand(), consent.businessCnpj())
                .filter(company -> !company.representatives().contains(cpf)).isPresent()) {
            throw Refusal.badRequest("Este CPF não representa a empresa cujos dados foram pedidos.");
        }
    }

    /**
     * What approving with {@code selection} would share, or the refusal the page shows (400): the
     * accounts and cards chosen must be among those offered, at least one of each type offered. Credit
     * operations are shared whole. Nothing changes yet.
     */
    public List<SharedResource> plan(SharingConsent consent, Selection selection) {
        List<Product> offered = offered(consent);
        Set<String> chosen = Set.copyOf(selection.resourceIds());
        Set<String> choosable = offered.stream().filter(product -> product.type().chosenByUser())
                .map(Product::resourceId).collect(Collectors.toSet());
        if (!choosable.containsAll(chosen)) {
            throw Refusal.badRequest("Escolha apenas contas e cartões da lista.");
        }
        if (selection.explicit()) {
            for (ResourceType type : ResourceType.values()) {
                boolean offeredType = offered.stream().anyMatch(product -> product.type() == type && type.chosenByUser());
                boolean chosenType = offered.stream().anyMatch(product -> product.type() == type
                        && chosen.contains(product.resourceId()));
                if (offeredType && !chosenType) {
                    throw Refusal.badRequest("Escolha ao menos um item de " + type.label().toLowerCase() + ".");
                }
            }
        }
        Brand brand = bank.brand();
        return offered.stream()
                .filter(product -> !selection.explicit() || !product.type().chosenByUser()
                        || chosen.contains(product.resourceId()))
                .map(product -> new SharedResource(product.resourceId(), product.type(), product.multipleApproval()
                        ? ResourceStatus.PENDING_AUTHORISATION : customers.availability(brand, product.resourceId()),
                        product.multipleApproval()))
                .toList();
    }

    /** The user approved, sharing {@code shared}: AUTHORISED. False when the consent no longer waits for a decision. */
    public synchronized boolean authorise(String consentId, String clientId, List<SharedResource> shared) {
        Optional<SharingConsent> consent = awaitingAuthorisation(consentId, clientId);
        consent.ifPresent(awaiting -> change(awaiting, current -> current.authorise(shared, Instant.now(),
                config.sharing().multipleApprovalWindow())));
        return consent.isPresent();
    }

    /** The user rejected at the bank: REJECTED, {@code USER}, {@code CUSTOMER_MANUALLY_REJECTED}. */
    public synchronized void rejectByUser(String consentId, String clientId) {
        awaitingAuthorisation(consentId, clientId).ifPresent(consent -> change(consent, current -> current.reject(
                Rejection.rejectedByUser(), Instant.now())));
    }

    /** The authorised consents with resources waiting for this CPF as second approver, at the request's brand. */
    synchronized List<SharingConsent> awaitingSecondApproval(String cpf) {
        Set<String> companies = Customers.approvedBy(bank.brand(), cpf).stream().map(Customer::document)
                .collect(Collectors.toSet());
        return current(consent -> consent.status() == SharingConsentStatus.AUTHORISED && consent.business()
                && companies.contains(consent.businessCnpj()) && consent.approvalDeadline() != null);
    }

    /**
     * The second approver {@code cpf} approves (the pending resources become what the bank holds them
     * as) or refuses (UNAVAILABLE); 403 for anybody else, 404 when nothing waits for them.
     */
    synchronized SharingConsent decideSecondApproval(String consentId, String cpf, boolean approve) {
        SharingConsent consent = find(consentId).filter(found -> found.status() == SharingConsentStatus.AUTHORISED
                        && found.approvalDeadline() != null)
                .orElseThrow(() -> Refusal.notFound("Não há aprovação pendente para este pedido."));
        boolean approver = Customers.find(bank.brand(), consent.businessCnpj())
                .map(company -> cpf.equals(company.secondApprover())).orElse(false);
        if (!approver) {
            throw Refusal.forbidden("Este CPF não é o do segundo aprovador da empresa.");
        }
        Brand brand = bank.brand();
        return change(consent, current -> current.decidePending(resource -> resource.withStatus(approve
                ? customers.availability(brand, resource.resourceId()) : ResourceStatus.UNAVAILABLE)));
    }

    /** The CPF's authorised consents at the request's brand (as the logged user who asked for them). */
    synchronized List<SharingConsent> authorisedOf(String cpf) {
        return current(consent -> consent.status() == SharingConsentStatus.AUTHORISED
                && consent.loggedUserCpf().equals(cpf));
    }

    /** The user revoked at the bank: REJECTED, {@code USER}, {@code CUSTOMER_MANUALLY_REVOKED}; 404 when not theirs and authorised. */
    synchronized void revokeByUser(String consentId, String cpf) {
        SharingConsent consent = find(consentId).filter(found -> found.status() == SharingConsentStatus.AUTHORISED
                        && found.loggedUserCpf().equals(cpf))
                .orElseThrow(() -> Refusal.notFound("Não há compartilhamento ativo deste CPF com este identificador."));
        change(consent, current -> current.reject(Rejection.revokedByUser(), Instant.now()));
    }

    /**
     * The bank now holds a product as {@code status} (a development control): every authorised
     * consent of the brand sharing it follows, where the status may move so; answers how many did.
     */
    public synchronized int productChanged(Brand brand, String resourceId, ResourceStatus status) {
        customers.hold(brand, resourceId, status);
        Table<SharingConsent> table = consents.of(brand);
        int changed = 0;
        for (SharingConsent consent : table.rows(consent -> consent.status() == SharingConsentStatus.AUTHORISED
                && consent.resources().stream().anyMatch(resource -> resource.resourceId().equals(resourceId)))) {
            if (!change(table, consent, current -> current.productChanged(resourceId, status)).equals(consent)) {
                changed++;
            }
        }
        return changed;
    }

    /**
     * As if the consent's expiry had been reached now (a development control); empty when there is no
     * such consent, 409 when it is not authorised.
     */
    public synchronized Optional<SharingConsent> expireNow(Brand brand, String consentId) {
        Table<SharingConsent> table = consents.of(brand);
        return find(brand, consentId).map(consent -> {
            if (consent.status() != SharingConsentStatus.AUTHORISED) {
                throw Refusal.conflict("O consentimento " + consentId + " não está autorizado: " + consent.status() + ".");
            }
            return change(table, consent, current -> current.expireNow(Instant.now()));
        });
    }

    @Override
    public synchronized void sweep() {
        Instant now = Instant.now();
        for (Brand brand : Brand.values()) {
            Table<SharingConsent> table = consents.of(brand);
            table.rows(consent -> !consent.status().isFinal())
                    .forEach(consent -> change(table, consent, current -> current.at(now)));
        }
    }

    @Override
    public ConsentKind kind() {
        return ConsentKind.DATA_SHARING;
    }

    @Override
    public boolean isOfClient(String consentId, String clientId) {
        return find(consentId).filter(consent -> consent.clientId().equals(clientId)).isPresent();
    }

    @Override
    public boolean isAwaitingAuthorisation(String consentId, String clientId) {
        return awaitingAuthorisation(consentId, clientId).isPresent();
    }

    /** A data consent's tokens are refreshed while it is authorised only: a revoked or expired one's are not. */
    @Override
    public boolean allowsRefresh(String consentId) {
        return find(consentId).map(consent -> consent.status() == SharingConsentStatus.AUTHORISED).orElse(true);
    }

    private List<SharingConsent> current(Predicate<SharingConsent> condition) {
        Instant now = Instant.now();
        Table<SharingConsent> table = consents.current();
        return table.rows(consent -> true).stream().map(consent -> change(table, consent, current -> current.at(now)))
                .filter(condition).sorted(Comparator.comparing(SharingConsent::creationDateTime)).toList();
    }

    private SharingConsent change(SharingConsent consent, UnaryOperator<SharingConsent> change) {
        return change(consents.current(), consent, change);
    }

    private static SharingConsent change(Table<SharingConsent> table, SharingConsent consent,
                                         UnaryOperator<SharingConsent> change) {
        SharingConsent changed = change.apply(consent);
        if (!changed.equals(consent)) {
            table.put(changed.consentId(), changed);
        }
        return changed;
    }
}
