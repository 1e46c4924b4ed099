package br.com.ponte.sandbox.payments;

import br.com.ponte.sandbox.config.SandboxConfig;
import br.com.ponte.sandbox.directory.SandboxParticipant;
import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.ConsentKind;
import br.com.ponte.sandbox.resource.ConsentsOfKind;
import br.com.ponte.sandbox.store.SandboxStore;
import br.com.ponte.sandbox.store.Sweeper;
import br.com.ponte.sandbox.store.Table;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The bank's payment consents: created by the initiator, decided by the user on the authorisation
 * page, consumed by the payment (by the last of a schedule's), expired by the clock. Every change is announced
 * ({@link PaymentsChanged}) for the initiator's webhooks.
 */
@ApplicationScoped
public class PaymentConsents implements ConsentsOfKind, Sweeper {

    static final String URN_PREFIX = "urn:pontesandbox:";
    /** The bank's ISPB: the root of its CNPJ. */
    static final String ISPB = SandboxParticipant.CNPJ.substring(0, 8);

    private final Table<PaymentConsent> consents;
    private final SandboxConfig config;
    private final Event<PaymentsChanged> changed;

    public PaymentConsents(SandboxStore store, SandboxConfig config, Event<PaymentsChanged> changed) {
        this.consents = store.table("paymentConsents", PaymentConsent.class);
        this.config = config;
        this.changed = changed;
    }

    synchronized PaymentConsent create(String clientId, JsonNode data) {
        PaymentConsent consent = PaymentConsent.create(URN_PREFIX + UUID.randomUUID(), clientId, data, Instant.now(),
                config.consent().authorisationTimeout());
        consents.put(consent.consentId(), consent);
        announce(consent);
        return consent;
    }

    /** The consent as it is now (expired if its time ran out). */
    /** Every payment consent the bank holds, oldest first: what a development control counts. */
    public synchronized java.util.List<String> ids() {
        return consents.rows(c -> true).stream().sorted(java.util.Comparator.comparing(PaymentConsent::creationDateTime))
                .map(PaymentConsent::consentId).toList();
    }

    public synchronized Optional<PaymentConsent> find(String consentId) {
        return Optional.ofNullable(consentId).flatMap(consents::find)
                .map(consent -> change(consent, current -> current.at(Instant.now())));
    }

    @Override
    public ConsentKind kind() {
        return ConsentKind.PAYMENT;
    }

    @Override
    public boolean isOfClient(String consentId, String clientId) {
        return find(consentId).filter(consent -> consent.clientId().equals(clientId)).isPresent();
    }

    @Override
    public boolean isAwaitingAuthorisation(String consentId, String clientId) {
        return awaitingAuthorisation(consentId, clientId).isPresent();
    }

    /** The payments API decides what a token may do by the consent's status; refreshing is never refused. */
    @Override
    public boolean allowsRefresh(String consentId) {
        return true;
    }

    /** The client's consent, if it is still waiting for the user: what a pushed authorisation request may name. */
    public Optional<PaymentConsent> awaitingAuthorisation(String consentId, String clientId) {
        return find(consentId).filter(consent -> consent.clientId().equals(clientId)
                && consent.status() == ConsentStatus.AWAITING_AUTHORISATION);
    }

    /**
     * The user logged in with {@code cpf} approved: AUTHORISED (PARTIALLY_ACCEPTED for a
     * multi-approver account), paying from the consent's debtor account or, when the initiator named
     * none, the user's account at the sandbox. False when the consent no longer waits for a decision.
     */
    public synchronized boolean authorise(String consentId, String clientId, String cpf) {
        Optional<PaymentConsent> consent = awaitingAuthorisation(consentId, clientId);
        consent.ifPresent(awaiting -> change(awaiting, current -> current.authorise(
                current.debtorAccount() != null ? current.debtorAccount() : accountOf(cpf), Instant.now(),
                config.consent().consumptionTimeout(), config.payment().step())));
        return consent.isPresent();
    }

    /** The user rejected: REJECTED with {@code REJEITADO_USUARIO}. */
    public synchronized void rejectByUser(String consentId, String clientId) {
        awaitingAuthorisation(consentId, clientId).ifPresent(consent -> change(consent, current -> current.reject(
                new Reason("REJEITADO_USUARIO", "O usuário rejeitou a autorização do consentimento."), Instant.now())));
    }

    /**
     * The client's consent as it is now: 404 {@code NOT_FOUND} when there is none, 403
     * {@code FORBIDDEN} when it is another client's.
     */
    PaymentConsent ofClient(String consentId, String clientId) {
        PaymentConsent consent = find(consentId)
                .orElseThrow(() -> ApiError.notFound("Consentimento " + consentId + " não encontrado."));
        if (!consent.clientId().equals(clientId)) {
            throw ApiError.forbidden("O consentimento não é deste cliente.");
        }
        return consent;
    }

    /**
     * Payments for these days were accepted (201): recorded, CONSUMED once every scheduled date has
     * one. The consent is read again, since the clock may have expired it, or another request paid one
     * of the days, while the payment was being decided: then 422 {@code CONSENTIMENTO_INVALIDO} or
     * {@code PAGAMENTO_DIVERGENTE_CONSENTIMENTO}.
     */
    synchronized void pay(String consentId, List<LocalDate> dates) {
        PaymentConsent consent = stillAuthorised(consentId);
        PaymentRules.requireUnpaid(dates, consent);
        change(consent, current -> current.pay(dates, Instant.now()));
    }

    /** A payment request was refused (422): CONSUMED, read again as for {@link #pay}. */
    synchronized void consume(String consentId) {
        change(stillAuthorised(consentId), current -> current.consume(Instant.now()));
    }

    private PaymentConsent stillAuthorised(String consentId) {
        return find(consentId).filter(current -> current.status() == ConsentStatus.AUTHORISED)
                .orElseThrow(() -> ApiError.unprocessable("CONSENTIMENTO_INVALIDO", "Consentimento inválido.",
                        "O consentimento " + consentId + " deixou de estar autorizado."));
    }

    /** Applies the clock to every consent still open. */
    @Override
    public synchronized void sweep() {
        Instant now = Instant.now();
        consents.rows(consent -> !consent.status().isFinal())
                .forEach(consent -> change(consent, current -> current.at(now)));
    }

    private PaymentConsent change(PaymentConsent consent, UnaryOperator<PaymentConsent> change) {
        PaymentConsent changed = change.apply(consent);
        if (!changed.equals(consent)) {
            consents.put(changed.consentId(), changed);
            if (changed.status() != consent.status()) {
                announce(changed);
            }
        }
        return changed;
    }

    private void announce(PaymentConsent consent) {
        changed.fire(new PaymentsChanged(consent.clientId(), PaymentsPaths.consent(consent.consentId())));
    }

    /** The user's checking account at the sandbox: a number made of the CPF's first ten digits. */
    private static JsonNode accountOf(String cpf) {
        return JsonNodeFactory.instance.objectNode()
                .put("ispb", ISPB)
                .put("issuer", "0001")
                .put("number", cpf.substring(0, 10))
                .put("accountType", "CACC");
    }
}
