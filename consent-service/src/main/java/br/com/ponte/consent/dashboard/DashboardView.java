package br.com.ponte.consent.dashboard;

import br.com.ponte.consent.sharing.ResourceStatus;
import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingExtension;
import br.com.ponte.consent.sharing.SharingJourney;
import br.com.ponte.consent.sharing.SharingResource;
import br.com.ponte.consent.sharing.SharingStatus;
import br.com.ponte.consent.whitelabel.SharingView;
import br.com.ponte.consent.whitelabel.SharingView.Institution;
import br.com.ponte.consent.whitelabel.Words;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the dashboard shows of a user's sharing consents, in the experience guide's terms: each one
 * active, pending (the user or other approvers must act at the institution, by a deadline) or
 * inactive (with what ended it), its details, renewals and the terms it can be renewed for.
 */
public final class DashboardView {

    /** Consents API v3: a consent not authorised within 60 minutes is rejected by the institution. */
    static final Duration AUTHORISE_WITHIN = Duration.ofMinutes(60);
    /** The renewals offered: this many months from now. */
    static final List<Integer> RENEWAL_TERMS = List.of(6, 12);

    private DashboardView() {
    }

    public enum Section { ACTIVE, PENDING, INACTIVE }

    /**
     * One consent in the list.
     *
     * @param action   for a pending one: who must act, and where
     * @param deadline for a pending one: until when
     * @param ended    for an inactive one: what ended it, and {@code endedOn} when
     * @param expiring for an active one ending within the lead time: "Vence em 3 dias"
     */
    public record Card(String id, Institution institution, String section, String groups, String validity,
                       String createdOn, String action, String deadline, String ended, String endedOn, String expiring) {
    }

    /** A resource of the consent (an account, a card, a contract), its status and, waiting for approvers, until when. */
    public record Item(String label, String status, String deadline) {
    }

    /** A renewal: when, from which term to which, by whom. */
    public record Renewal(String on, String from, String to, String by) {
    }

    public record Details(Card card, List<SharingView.Category> groups, String purpose, String authorisedOn, String ends,
                          List<Item> resources, List<Renewal> renewals, boolean canRevoke, boolean canRenew,
                          boolean canCancel) {
    }

    /** A term the consent can be renewed for: {@code months} from now, until {@code until}. */
    public record Term(String value, String label, String until, boolean checked) {
    }

    static Section section(SharingConsent consent, List<SharingResource> resources) {
        return switch (consent.status) {
            case AWAITING_AUTHORISATION -> Section.PENDING;
            case AUTHORISED -> resources.stream().anyMatch(r -> r.status == ResourceStatus.PENDING_AUTHORISATION)
                    ? Section.PENDING : Section.ACTIVE;
            case REJECTED -> Section.INACTIVE;
        };
    }

    static Card card(SharingConsent consent, Institution institution, List<SharingResource> resources, String brandName,
                     Duration expiringLead, Instant now) {
        Section section = section(consent, resources);
        String groups = String.join("; ", SharingView.shared(consent.groupList()).stream()
                .map(c -> c.label() + ": " + String.join(", ", c.groups().stream().map(SharingView.Group::label).toList()))
                .toList());
        String action = null;
        String deadline = null;
        if (section == Section.PENDING && consent.status == SharingStatus.AWAITING_AUTHORISATION) {
            Instant by = consent.createdAt.plus(AUTHORISE_WITHIN);
            action = now.isBefore(by) ? "Falta você autorizar na instituição. Se não for concluir, cancele o pedido."
                    : "O prazo para autorizar na instituição terminou; o pedido será encerrado.";
            deadline = Words.dateTime(by);
        } else if (section == Section.PENDING) {
            action = "Outras pessoas precisam aprovar na instituição: os outros titulares da conta ou os representantes "
                    + "da empresa, no aplicativo ou site da instituição.";
            deadline = Words.dateTime(resources.stream().filter(r -> r.status == ResourceStatus.PENDING_AUTHORISATION)
                    .map(r -> r.approvalDeadline).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null));
        }
        String expiring = null;
        if (consent.status == SharingStatus.AUTHORISED && consent.expirationDateTime != null
                && !consent.expirationDateTime.isAfter(now.plus(expiringLead))) {
            long days = Math.max(0, ChronoUnit.DAYS.between(now, consent.expirationDateTime));
            expiring = days == 0 ? "Vence hoje" : days == 1 ? "Vence amanhã" : "Vence em " + days + " dias";
        }
        return new Card(consent.id.toString(), institution, section.name().toLowerCase(), groups,
                Words.validity(consent.expirationDateTime), Words.date(consent.createdAt), action, deadline,
                section == Section.INACTIVE ? ended(consent, brandName) : null,
                section == Section.INACTIVE ? Words.date(consent.statusUpdatedAt) : null, expiring);
    }

    /** What ended a consent, in plain words. */
    static String ended(SharingConsent consent, String brandName) {
        if (consent.revoked()) {
            return switch (consent.revokedBy) {
                case "USER" -> "PONTE".equals(consent.revocationChannel) ? "Encerrado por você em Meus compartilhamentos"
                        : "Encerrado por você na instituição";
                case "PARTNER" -> "Encerrado por " + brandName;
                default -> "Encerrado pela instituição";
            };
        }
        if (SharingConsent.CONSENT_MAX_DATE_REACHED.equals(consent.rejectionReasonCode)) {
            return "O prazo do compartilhamento terminou";
        }
        if (SharingConsent.CONSENT_EXPIRED.equals(consent.rejectionReasonCode)) {
            return "Não foi autorizado a tempo na instituição";
        }
        if (SharingConsent.CUSTOMER_MANUALLY_REJECTED.equals(consent.rejectionReasonCode)) {
            if ("USER".equals(consent.rejectedBy) && SharingJourney.BY_USER_AT_DASHBOARD.equals(consent.rejectionReasonDetail)) {
                return "Pedido cancelado por você";
            }
            if ("TPP".equals(consent.rejectedBy)) {
                return "Pedido cancelado por " + brandName;
            }
            return "Não autorizado por você na instituição";
        }
        return "ASPSP".equals(consent.rejectedBy) ? "Recusado pela instituição" : "Não autorizado na instituição";
    }

    static Details details(Card card, SharingConsent consent, List<SharingResource> resources,
                           List<SharingExtension> extensions, String brandName, Instant now) {
        List<Item> items = new ArrayList<>();
        // numbered within each kind: "Conta 1", "Conta 2", "Cartão de crédito 1"
        java.util.Map<String, Integer> counted = new java.util.HashMap<>();
        for (SharingResource r : resources) {
            int n = counted.merge(r.type, 1, Integer::sum);
            items.add(new Item(Words.resourceType(r.type) + " " + n, Words.resourceStatus(r.status),
                    r.status == ResourceStatus.PENDING_AUTHORISATION ? Words.dateTime(r.approvalDeadline) : null));
        }
        List<Renewal> renewals = extensions.stream().map(e -> new Renewal(Words.dateTime(e.requestedAt),
                Words.validity(e.previousExpirationDateTime), Words.validity(e.expirationDateTime),
                "USER".equals(e.requestedBy) ? "Por você" : "Por " + brandName)).toList();
        String ends = consent.status == SharingStatus.REJECTED ? null : Words.validity(consent.expirationDateTime);
        boolean authorised = consent.status == SharingStatus.AUTHORISED;
        return new Details(card, SharingView.shared(consent.groupList()), consent.purpose, Words.dateTime(consent.authorisedAt),
                ends, items, renewals, authorised, authorised && !renewalTerms(consent, null, now).isEmpty(),
                consent.status == SharingStatus.AWAITING_AUTHORISATION);
    }

    /** The terms a consent can be renewed for: those later than its current term (none for one without a term). */
    static List<Term> renewalTerms(SharingConsent consent, String chosen, Instant now) {
        if (consent.expirationDateTime == null) {
            return List.of();
        }
        List<Term> terms = new ArrayList<>();
        for (int months : RENEWAL_TERMS) {
            Instant until = renewedUntil(months, now);
            if (until.isAfter(consent.expirationDateTime)) {
                String value = Integer.toString(months);
                terms.add(new Term(value, Words.months(months), "até " + Words.date(until),
                        chosen == null ? months == RENEWAL_TERMS.get(RENEWAL_TERMS.size() - 1) : value.equals(chosen)));
            }
        }
        return terms;
    }

    static Instant renewedUntil(int months, Instant now) {
        return now.atOffset(ZoneOffset.UTC).plusMonths(months).toInstant().truncatedTo(ChronoUnit.SECONDS);
    }
}
