package br.com.ponte.consent.whitelabel;

import br.com.ponte.consent.sharing.PermissionGroup;
import br.com.ponte.consent.sharing.RequestedGroup;
import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingSession;
import br.com.ponte.fapi.Participants.AuthorisationServer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static br.com.ponte.consent.api.FieldErrors.isHttpUrl;

/**
 * What the data-sharing screens (and the dashboard) show, built from the domain: who asks and who
 * shares, the data by Open Finance category, the terms to choose from, the institutions.
 */
public final class SharingView {

    /** The value of the {@code duration} field for a sharing without a term. */
    public static final String INDEFINITE = "indefinite";
    /** The terms always offered besides the partner's own (Open Finance allows up to 12 months). */
    static final List<Integer> STANDARD_TERMS = List.of(3, 6, 12);

    private SharingView() {
    }

    /** Who asks (the partner's brand) and who shares: the user's CPF masked, the company's CNPJ. */
    public record Who(String brandName, String cpf, String cnpj) {
    }

    /** A group of data: its items (the expandable details), whether it can be removed, and why it is asked for. */
    public record Group(String name, String label, List<String> items, boolean mandatory, String justification,
                        boolean checked) {
    }

    /** An Open Finance category with the groups asked for in it. */
    public record Category(String label, List<Group> groups) {
    }

    /** A term the user can choose: the {@code duration} field's value, and until when it would run from now. */
    public record Term(String value, String label, String until, boolean suggested, boolean checked) {
    }

    /**
     * The result of one institution's authorisation: {@code kind} approved, pending (other approvers,
     * until {@code deadline}; or the institution has not answered yet) or rejected (with a plain
     * {@code reason}); what is shared and until when.
     */
    public record Outcome(String kind, String title, String message, Institution institution, List<Category> groups,
                          String validity, Integer resources, String deadline, String reason) {
    }

    /** The consent screen. */
    public record ConsentForm(Who who, String purpose, List<Category> categories, List<Term> terms, String error) {
    }

    /** An institution of the directory; {@code done} when the user authorised it in this session. */
    public record Institution(String id, String name, String logoUri, boolean done, String consentId) {

        public String initial() {
            return name.isEmpty() ? "?" : name.substring(0, 1);
        }
    }

    public static Who who(String brandName, String cpf, String cnpj) {
        return new Who(brandName, Words.cpf(cpf), cnpj == null ? null : Words.cnpj(cnpj));
    }

    /** The session's consent screen, with {@code checked} groups ticked and {@code term} chosen. */
    public static ConsentForm form(SharingSession session, String brandName, Collection<PermissionGroup> checked, String term,
                                   String error, Instant now) {
        Map<PermissionGroup, RequestedGroup> requested = session.requested().stream()
                .collect(Collectors.toMap(RequestedGroup::group, r -> r));
        List<Category> categories = new ArrayList<>();
        for (PermissionGroup.Category category : PermissionGroup.Category.values()) {
            List<Group> groups = requested.keySet().stream().filter(g -> g.category() == category).sorted()
                    .map(g -> {
                        RequestedGroup r = requested.get(g);
                        return new Group(g.name(), g.label(), g.items(), r.mandatory(), r.justification(),
                                r.mandatory() || checked.contains(g));
                    }).toList();
            if (!groups.isEmpty()) {
                categories.add(new Category(category.label(), groups));
            }
        }
        return new ConsentForm(who(brandName, session.loggedUserDocument, session.businessEntityDocument), session.purpose,
                categories, terms(session.durationMonths, term, now), error);
    }

    /**
     * The terms offered: 3, 6 and 12 months and the partner's own term, and a sharing without a term
     * only when the partner asked for one; the partner's is suggested.
     */
    static List<Term> terms(Integer partnerMonths, String chosen, Instant now) {
        Set<Integer> months = new TreeSet<>(STANDARD_TERMS);
        if (partnerMonths != null) {
            months.add(partnerMonths);
        }
        String suggested = partnerMonths == null ? INDEFINITE : partnerMonths.toString();
        List<Term> terms = new ArrayList<>();
        for (int m : months) {
            String value = Integer.toString(m);
            terms.add(new Term(value, Words.months(m), "até " + Words.date(now.atOffset(ZoneOffset.UTC).plusMonths(m).toInstant()),
                    value.equals(suggested), value.equals(chosen)));
        }
        if (partnerMonths == null) {
            terms.add(new Term(INDEFINITE, Words.months(null), "até você encerrar", true, INDEFINITE.equals(chosen)));
        }
        return terms;
    }

    /** A term the user chose: months, or null for a sharing without a term. */
    record Chosen(Integer months) {
    }

    /** The term a {@code duration} field names, among those offered for {@code partnerMonths}; empty for none of them. */
    static Optional<Chosen> term(String duration, Integer partnerMonths) {
        if (duration == null) {
            return Optional.empty();
        }
        return terms(partnerMonths, null, Instant.EPOCH).stream().filter(t -> t.value().equals(duration)).findFirst()
                .map(t -> new Chosen(t.value().equals(INDEFINITE) ? null : Integer.parseInt(t.value())));
    }

    /** The {@code duration} value of the term the session's screen starts with: the user's, else the partner's. */
    static String chosenTerm(SharingSession session) {
        Integer months = session.dataConfirmed() ? session.chosenDurationMonths : session.durationMonths;
        return months == null ? INDEFINITE : months.toString();
    }

    /** An institution as the screens show it; a logo that is not an absolute http(s) URL is left out. */
    public static Institution institution(AuthorisationServer server, SharingConsent authorised) {
        String logo = server.logoUri() != null && isHttpUrl(server.logoUri()) ? server.logoUri() : null;
        return new Institution(server.authorisationServerId(), server.customerFriendlyName(), logo, authorised != null,
                authorised == null ? null : authorised.id.toString());
    }

    /** An institution the directory no longer lists: its id stands for its name. */
    public static Institution unlisted(String transmitter) {
        return new Institution(transmitter, transmitter, null, false, null);
    }

    /** The groups of a consent by category, with their items. */
    public static List<Category> shared(Collection<PermissionGroup> groups) {
        List<Category> categories = new ArrayList<>();
        for (PermissionGroup.Category category : PermissionGroup.Category.values()) {
            List<Group> inCategory = groups.stream().filter(g -> g.category() == category).sorted()
                    .map(g -> new Group(g.name(), g.label(), g.items(), false, null, true)).toList();
            if (!inCategory.isEmpty()) {
                categories.add(new Category(category.label(), inCategory));
            }
        }
        return categories;
    }
}
