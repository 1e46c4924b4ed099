package br.com.ponte.sandbox.books;

import br.com.ponte.sandbox.books.Contract.Warranty;
import br.com.ponte.sandbox.books.Entry.Kind;
import br.com.ponte.sandbox.books.LedgerEvents.Appearance;
import br.com.ponte.sandbox.books.LedgerEvents.EarlyPosting;
import br.com.ponte.sandbox.books.Registration.Address;
import br.com.ponte.sandbox.books.Registration.Partner;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.brand.BrandTables;
import br.com.ponte.sandbox.config.SandboxConfig;
import br.com.ponte.sandbox.sharing.Customers;
import br.com.ponte.sandbox.sharing.Customers.AccountTerms;
import br.com.ponte.sandbox.sharing.Customers.AccountType;
import br.com.ponte.sandbox.sharing.Customers.Activity;
import br.com.ponte.sandbox.sharing.Customers.CardTerms;
import br.com.ponte.sandbox.sharing.Customers.Customer;
import br.com.ponte.sandbox.sharing.Customers.Product;
import br.com.ponte.sandbox.sharing.ResourceType;
import br.com.ponte.sandbox.store.SandboxStore;
import br.com.ponte.sandbox.store.Table;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The bank's own books behind its data APIs: for each seeded product (see {@link Customers}), its
 * transactions, balances, bills and contracts, and each customer's registration, all made from
 * {@code sandbox.data.seed} and the clock (nothing of it is stored, it is made again when asked for), plus
 * what the development controls made happen ({@link LedgerEvents}, kept per brand in the sandbox's state).
 */
@ApplicationScoped
public class Books {

    /** A credit card: two purchases a weekday, three a weekend day, its annual fee monthly; no balance kept. */
    private static final Ledger.Profile CARD = new Ledger.Profile(2, 3, Pattern.CARD_DAY, 0, 0, 0, 0, false, false,
            true, null, null);

    private final long seed;
    private final Duration every;
    private final MonthCache months = new MonthCache();
    private final BrandTables<LedgerEvents> events;

    @Inject
    public Books(SandboxConfig config, SandboxStore store, BrandContext bank) {
        this(config.data().seed(), config.data().newTransactionsEvery(),
                new BrandTables<>(store, bank, "ledgerEvents", LedgerEvents.class));
    }

    Books(long seed, Duration every, BrandTables<LedgerEvents> events) {
        this.seed = seed;
        this.every = every;
        this.events = events;
    }

    /** An account's books; {@code product} is an ACCOUNT. */
    public AccountBook account(Brand brand, Product product) {
        AccountTerms terms = (AccountTerms) product.terms();
        boolean company = company(brand, product);
        Ledger.Profile profile = accountProfile(terms, company);
        long overdraft = terms.activity() == Activity.HEAVY ? 500_000 : company ? 2_000_000 : 200_000;
        return new AccountBook(product, ledger(brand, product, profile), overdraft, profile.balanceCents() * 2);
    }

    /** A credit card's books; {@code product} is a CREDIT_CARD_ACCOUNT. */
    public CardBook card(Brand brand, Product product) {
        CardTerms terms = (CardTerms) product.terms();
        return new CardBook(seed, product, ledger(brand, product, CARD),
                "PLATINUM".equals(terms.productType()) ? 3_000_000 : 1_500_000);
    }

    /** A credit operation's contract; {@code product} is a LOAN, FINANCING, UNARRANGED_ACCOUNT_OVERDRAFT or INVOICE_FINANCING. */
    public Contract contract(Brand brand, Product product) {
        Draws draws = Draws.of(seed, product.resourceId() + "|contract", 0);
        boolean company = company(brand, product);
        // the terms of each kind of operation; dates fixed on the calendar, so that instalments fall due as it goes
        record Typical(LocalDate from, int instalments, long amountCents, double monthlyRate, String code) {
        }
        Typical kind = switch (product.type()) {
            case LOAN -> new Typical(LocalDate.of(2025, 1, 6), 48, 1_500_000, 0.0219, "0203");
            case FINANCING -> new Typical(LocalDate.of(2024, 7, 1), 60, 4_800_000, 0.0149, "0401");
            case UNARRANGED_ACCOUNT_OVERDRAFT -> new Typical(LocalDate.of(2026, 9, 1), 1, 85_000, 0.0849, "0101");
            case INVOICE_FINANCING -> new Typical(LocalDate.of(2026, 1, 5), 12, company ? 4_500_000 : 600_000, 0.0189,
                    "0301");
            default -> throw new IllegalArgumentException(product.type() + " is not a credit operation");
        };
        LocalDate signed = kind.from().plusDays(draws.below(30));
        long amount = Math.round(kind.amountCents() * (0.8 + 0.4 * draws.unit()) / 100) * 100;
        String document = owner(brand, product).map(Customer::document).orElse("00000000000");
        String number = draws.digits(10);
        Warranty warranty = switch (product.type()) {
            case LOAN -> new Warranty("GARANTIA_FIDEJUSSORIA", "PESSOA_FISICA", 10_000);
            case FINANCING -> new Warranty("ALIENACAO_FIDUCIARIA", "VEICULOS", amount * 13 / 10);
            case UNARRANGED_ACCOUNT_OVERDRAFT -> new Warranty("CAUCAO",
                    "DEPOSITOS_A_VISTA_A_PRAZO_POUPANCA_OURO_TITULOS_PUBLICOS_FEDERAIS_ART_36", amount);
            default -> new Warranty("CESSAO_DIREITOS_CREDITORIOS", company ? "DUPLICATAS" : "FATURA_CARTAO_CREDITO",
                    amount * 11 / 10);
        };
        return new Contract(product, kind.code() + "-" + signed.getYear() + "-" + number,
                brand.cnpj().substring(0, 8) + kind.code() + document + number, signed, amount, kind.instalments(),
                signed.plusMonths(1), kind.monthlyRate(), kind.instalments() == 1 ? 0 : Math.min(85_000, amount / 50),
                warranty, seed);
    }

    /** A customer's registration at the brand: the seeded customer's name, or a drawn one for anybody else. */
    public Registration registration(Brand brand, String document) {
        Draws draws = Draws.of(seed, brand.key() + "|registration|" + document, 0);
        Optional<Customer> customer = Customers.find(brand, document);
        boolean company = document.length() == 14;
        String name = customer.map(Customer::name).orElseGet(() -> title(company ? People.companyName(draws)
                : People.personName(draws)));
        Address address = draws.pick(List.of(
                new Address("Avenida Paulista, 1000", "Bela Vista", "São Paulo", "3550308", "SP", "01310100"),
                new Address("Rua da Assembleia, 40", "Centro", "Rio de Janeiro", "3304557", "RJ", "20011000"),
                new Address("Avenida Afonso Pena, 1500", "Centro", "Belo Horizonte", "3106200", "MG", "30130005"),
                new Address("Rua XV de Novembro, 300", "Centro", "Curitiba", "4106902", "PR", "80020310"),
                new Address("Avenida Boa Viagem, 2000", "Boa Viagem", "Recife", "2611606", "PE", "51020000")));
        String areaCode = switch (address.state()) {
            case "SP" -> "11";
            case "RJ" -> "21";
            case "MG" -> "31";
            case "PR" -> "41";
            default -> "81";
        };
        List<Partner> partners = new ArrayList<>();
        if (company) {
            List<String> representatives = customer.map(Customer::representatives).orElse(List.of());
            for (String cpf : representatives) {
                Draws person = Draws.of(seed, "person|" + cpf, 0);
                partners.add(new Partner(cpf, title(People.personName(person)),
                        String.format(Locale.ROOT, "%.6f", 1.0 / representatives.size())));
            }
        }
        String email = name.toLowerCase().replaceAll("[^a-z ]", "").strip().replaceAll(" +", ".") + "@example.com";
        return new Registration(draws.uuid(), document, name, company ? name.replace(" Ltda", "") : null,
                company ? LocalDate.of(2005 + draws.below(15), 1 + draws.below(12), 1 + draws.below(28))
                        : LocalDate.of(1970 + draws.below(30), 1 + draws.below(12), 1 + draws.below(28)),
                // a first name ending in -a reads as a woman's: Joana, Ana, Paula
                name.split(" ")[0].endsWith("a") ? "FEMININO" : "MASCULINO",
                draws.pick(List.of("SOLTEIRO", "CASADO", "DIVORCIADO")),
                title(People.personName(draws)), draws.digits(9), address, areaCode, "9" + draws.digits(8), email,
                draws.pick(List.of("Analista de sistemas", "Professora", "Comerciante", "Engenheiro civil", "Enfermeira")),
                (company ? 120_000_000 : 650_000) + draws.between(0, 10) * 50_000,
                (company ? 800_000_000 : 25_000_000) + draws.between(0, 20) * 1_000_000,
                LocalDate.of(2010 + draws.below(12), 1 + draws.below(12), 1 + draws.below(28)), partners);
    }

    /**
     * A development control: {@code appear} transactions appear now on the account or card, and
     * {@code backdated} more dated 1 to 5 days back (accounts only); with {@code postScheduled}, every future
     * posting the account shows is posted now (dated now, same id). What changed, by id.
     */
    public synchronized Advance advance(Brand brand, Product product, int appear, int backdated, boolean postScheduled,
                                        Instant now) {
        Table<LedgerEvents> table = events.of(brand);
        LedgerEvents current = table.find(product.resourceId()).orElse(LedgerEvents.none(product.resourceId()));
        Ledger before = ledger(brand, product, profile(brand, product), current);
        Draws draws = Draws.of(seed, product.resourceId() + "|advance", current.appearances().size());
        List<Appearance> appearances = new ArrayList<>();
        int sequence = current.appearances().size();
        for (int i = 0; i < appear + backdated; i++) {
            int daysBack = i < appear || product.type() != ResourceType.ACCOUNT ? 0 : 1 + draws.below(Ledger.MAX_DAYS_BACK);
            appearances.add(new Appearance(sequence++, now.plusMillis(i), daysBack));
        }
        List<EarlyPosting> posted = new ArrayList<>();
        if (postScheduled) {
            LocalDate today = Ledger.date(now);
            before.transactions(today, today.plusDays(Ledger.MAX_DAYS_AHEAD), now).stream()
                    .filter(entry -> entry.kind() == Kind.SCHEDULED && !entry.postedBy(now))
                    .forEach(entry -> posted.add(new EarlyPosting(entry.transactionId(), entry.bookingDate(), now)));
        }
        LedgerEvents next = current.with(appearances, posted);
        table.put(product.resourceId(), next);
        Ledger after = ledger(brand, product, profile(brand, product), next);
        return new Advance(appearances.stream().filter(a -> a.daysBack() == 0).map(a -> after.appeared(a).transactionId())
                .toList(), appearances.stream().filter(a -> a.daysBack() > 0).map(a -> after.appeared(a).transactionId())
                .toList(), posted.stream().map(EarlyPosting::transactionId).toList());
    }

    /** What a development control made happen: the ids of the transactions that appeared, were backdated, were posted. */
    public record Advance(List<String> appeared, List<String> backdated, List<String> posted) {
    }

    private Ledger ledger(Brand brand, Product product, Ledger.Profile profile) {
        return ledger(brand, product, profile, events.of(brand).find(product.resourceId())
                .orElse(LedgerEvents.none(product.resourceId())));
    }

    private Ledger ledger(Brand brand, Product product, Ledger.Profile profile, LedgerEvents happened) {
        return new Ledger(seed, product.resourceId(), profile, every, months, happened);
    }

    private Ledger.Profile profile(Brand brand, Product product) {
        return product.terms() instanceof AccountTerms terms ? accountProfile(terms, company(brand, product)) : CARD;
    }

    /** How busy an account is and how it moves, from its kind and activity and whether a company holds it. */
    private static Ledger.Profile accountProfile(AccountTerms terms, boolean company) {
        boolean checking = terms.accountType() == AccountType.CONTA_DEPOSITO_A_VISTA;
        Pattern in = checking ? Pattern.SWEEP_IN : Pattern.TRANSFER_IN;
        Pattern out = checking ? Pattern.SWEEP_OUT : Pattern.TRANSFER_OUT;
        if (company) {
            return new Ledger.Profile(12, 2, Pattern.COMPANY_DAY, 30, 10, 3_800_000, 0, checking, false, false, in, out);
        }
        return switch (terms.activity()) {
            case HEAVY -> new Ledger.Profile(34, 20, Pattern.PERSON_DAY, 20, 10, 1_800_000, 987_000, checking, false,
                    false, in, out);
            case REGULAR -> new Ledger.Profile(3, 1.2, Pattern.PERSON_DAY, 30, 10, 450_000, 435_000, checking, false,
                    false, in, out);
            case LIGHT -> new Ledger.Profile(0.15, 0.05, Pattern.SAVINGS_DAY, 0, 0, 2_200_000, 0, false, true, false,
                    in, out);
        };
    }

    private static boolean company(Brand brand, Product product) {
        return owner(brand, product).map(Customer::company).orElse(false);
    }

    private static Optional<Customer> owner(Brand brand, Product product) {
        return Customers.all(brand).stream().filter(customer -> customer.products().contains(product)).findFirst();
    }

    /** "MARIA SOUZA" as "Maria Souza". */
    private static String title(String upper) {
        StringBuilder title = new StringBuilder(upper.length());
        boolean start = true;
        for (char c : upper.toCharArray()) {
            title.append(start ? c : Character.toLowerCase(c));
            start = c == ' ';
        }
        return title.toString();
    }
}
