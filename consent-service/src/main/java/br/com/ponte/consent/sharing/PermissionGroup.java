package br.com.ponte.consent.sharing;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The groups of data a partner asks a user to share, as the consents API v3 groups its permissions
 * (the table at the top of {@code consents_3.3.1.yml}, phase 2: registration data, accounts, credit
 * cards, credit operations). The bank keeps or drops a group whole, and each group always brings
 * {@code RESOURCES_READ}. Each group knows its Open Finance category, what the user reads about it
 * (Portuguese), the OAuth scopes its data APIs need and the directory's API family that serves it.
 */
public enum PermissionGroup {

    CUSTOMERS_PERSONAL_IDENTIFICATIONS(Category.CADASTRO, "Dados cadastrais", Holder.PERSON, "customers", "customers",
            List.of("Nome completo", "CPF", "Data de nascimento", "Documentos de identificação", "Endereço e contatos"),
            "CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ"),
    CUSTOMERS_PERSONAL_ADDITIONAL_INFO(Category.CADASTRO, "Informações complementares", Holder.PERSON, "customers", "customers",
            List.of("Renda e patrimônio", "Profissão", "Relacionamento com a instituição"),
            "CUSTOMERS_PERSONAL_ADITTIONALINFO_READ"),
    CUSTOMERS_BUSINESS_IDENTIFICATIONS(Category.CADASTRO, "Dados cadastrais da empresa", Holder.BUSINESS, "customers", "customers",
            List.of("Razão social e nome fantasia", "CNPJ", "Data de constituição", "Endereço e contatos", "Sócios"),
            "CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ"),
    CUSTOMERS_BUSINESS_ADDITIONAL_INFO(Category.CADASTRO, "Informações complementares da empresa", Holder.BUSINESS, "customers",
            "customers", List.of("Faturamento", "Atividade econômica", "Relacionamento com a instituição"),
            "CUSTOMERS_BUSINESS_ADITTIONALINFO_READ"),
    ACCOUNTS_BALANCES(Category.CONTAS, "Saldos", Holder.ANY, "accounts", "accounts",
            List.of("Contas (corrente, poupança, pagamento pré-paga)", "Saldo disponível", "Saldo bloqueado"),
            "ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ"),
    ACCOUNTS_OVERDRAFT_LIMITS(Category.CONTAS, "Limites", Holder.ANY, "accounts", "accounts",
            List.of("Contas", "Limite de cheque especial contratado", "Limite utilizado"),
            "ACCOUNTS_READ", "ACCOUNTS_OVERDRAFT_LIMITS_READ"),
    ACCOUNTS_TRANSACTIONS(Category.CONTAS, "Extratos", Holder.ANY, "accounts", "accounts",
            List.of("Contas", "Transações dos últimos 12 meses", "Lançamentos futuros"),
            "ACCOUNTS_READ", "ACCOUNTS_TRANSACTIONS_READ"),
    CREDIT_CARDS_LIMITS(Category.CARTAO, "Limites", Holder.ANY, "credit-cards-accounts", "credit-cards-accounts",
            List.of("Cartões de crédito", "Limite total", "Limite disponível"),
            "CREDIT_CARDS_ACCOUNTS_READ", "CREDIT_CARDS_ACCOUNTS_LIMITS_READ"),
    CREDIT_CARDS_TRANSACTIONS(Category.CARTAO, "Transações", Holder.ANY, "credit-cards-accounts", "credit-cards-accounts",
            List.of("Cartões de crédito", "Transações dos últimos 12 meses"),
            "CREDIT_CARDS_ACCOUNTS_READ", "CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ"),
    CREDIT_CARDS_BILLS(Category.CARTAO, "Faturas", Holder.ANY, "credit-cards-accounts", "credit-cards-accounts",
            List.of("Cartões de crédito", "Faturas dos últimos 12 meses", "Transações de cada fatura"),
            "CREDIT_CARDS_ACCOUNTS_READ", "CREDIT_CARDS_ACCOUNTS_BILLS_READ", "CREDIT_CARDS_ACCOUNTS_BILLS_TRANSACTIONS_READ"),
    CREDIT_OPERATIONS(Category.CREDITO, "Dados do contrato", Holder.ANY, "loans financings unarranged-accounts-overdraft invoice-financings",
            "loans", List.of("Empréstimos", "Financiamentos", "Adiantamento a depositantes", "Direitos creditórios descontados",
            "Garantias, parcelas e pagamentos de cada contrato"),
            "LOANS_READ", "LOANS_WARRANTIES_READ", "LOANS_SCHEDULED_INSTALMENTS_READ", "LOANS_PAYMENTS_READ",
            "FINANCINGS_READ", "FINANCINGS_WARRANTIES_READ", "FINANCINGS_SCHEDULED_INSTALMENTS_READ", "FINANCINGS_PAYMENTS_READ",
            "UNARRANGED_ACCOUNTS_OVERDRAFT_READ", "UNARRANGED_ACCOUNTS_OVERDRAFT_WARRANTIES_READ",
            "UNARRANGED_ACCOUNTS_OVERDRAFT_SCHEDULED_INSTALMENTS_READ", "UNARRANGED_ACCOUNTS_OVERDRAFT_PAYMENTS_READ",
            "INVOICE_FINANCINGS_READ", "INVOICE_FINANCINGS_WARRANTIES_READ", "INVOICE_FINANCINGS_SCHEDULED_INSTALMENTS_READ",
            "INVOICE_FINANCINGS_PAYMENTS_READ");

    /** Always asked for, with any group: the resources API lists what the user shared. */
    public static final String RESOURCES_READ = "RESOURCES_READ";

    /** The Open Finance categories of data, in the order the screens show them. */
    public enum Category {
        CADASTRO("Cadastro"), CONTAS("Contas"), CARTAO("Cartão de crédito"), CREDITO("Operações de crédito");

        private final String label;

        Category(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Whose data a group is: registration data is either a person's or a company's. */
    public enum Holder {
        PERSON, BUSINESS, ANY
    }

    private final Category category;
    private final String label;
    private final Holder holder;
    private final String scopes;
    private final String apiFamily;
    private final List<String> items;
    private final List<String> permissions;

    PermissionGroup(Category category, String label, Holder holder, String scopes, String apiFamily, List<String> items,
                    String... permissions) {
        this.category = category;
        this.label = label;
        this.holder = holder;
        this.scopes = scopes;
        this.apiFamily = apiFamily;
        this.items = items;
        this.permissions = List.of(permissions);
    }

    public Category category() {
        return category;
    }

    public String label() {
        return label;
    }

    public Holder holder() {
        return holder;
    }

    /** What the group lets the partner read, item by item, as the user reads it. */
    public List<String> items() {
        return items;
    }

    /** The group's permissions, without {@link #RESOURCES_READ}. */
    public List<String> permissions() {
        return permissions;
    }

    /** The directory's API family that serves the group's data (e.g. {@code accounts}). */
    public String apiFamily() {
        return apiFamily;
    }

    public static Optional<PermissionGroup> of(String name) {
        return Arrays.stream(values()).filter(group -> group.name().equals(name)).findFirst();
    }

    /** Every permission of the groups, plus {@link #RESOURCES_READ}, each once, in a stable order. */
    public static List<String> permissionsOf(Iterable<PermissionGroup> groups) {
        Set<String> permissions = new LinkedHashSet<>();
        groups.forEach(group -> permissions.addAll(group.permissions));
        permissions.add(RESOURCES_READ);
        return List.copyOf(permissions);
    }

    /** The groups whole in {@code permissions} (what a bank kept of a request). */
    public static List<PermissionGroup> keptIn(java.util.Collection<String> permissions) {
        return Arrays.stream(values()).filter(group -> permissions.containsAll(group.permissions)).toList();
    }

    /**
     * The OAuth scopes an authorisation of these permissions asks for: {@code consents} and
     * {@code resources}, and the data APIs' (e.g. {@code accounts}).
     */
    public static String scopesFor(java.util.Collection<String> permissions) {
        Set<String> scopes = new LinkedHashSet<>(List.of("consents", "resources"));
        keptIn(permissions).forEach(group -> scopes.addAll(List.of(group.scopes.split(" "))));
        return String.join(" ", scopes);
    }

    /** The Open Finance permissions a resource of this type (resources API v3) is read with. */
    public static List<String> permissionsForResource(String resourceType, java.util.Collection<String> granted) {
        String prefix = switch (resourceType) {
            case "ACCOUNT" -> "ACCOUNTS_";
            case "CREDIT_CARD_ACCOUNT" -> "CREDIT_CARDS_ACCOUNTS_";
            case "LOAN" -> "LOANS_";
            case "FINANCING" -> "FINANCINGS_";
            case "UNARRANGED_ACCOUNT_OVERDRAFT" -> "UNARRANGED_ACCOUNTS_OVERDRAFT_";
            case "INVOICE_FINANCING" -> "INVOICE_FINANCINGS_";
            default -> null;
        };
        return prefix == null ? List.copyOf(granted) : granted.stream().filter(p -> p.startsWith(prefix)).toList();
    }
}
