package br.com.ponte.sandbox.sharing;

import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.brand.BrandTables;
import br.com.ponte.sandbox.store.SandboxStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each brand offers for data sharing and the customers it holds, seeded and fixed (the CPFs and
 * CNPJs have valid check digits and are nobody's): their products with stable ids, the same in every
 * consent (a product's id is its {@code accountId} and the like in the data APIs), and what the bank
 * keeps under each ({@link Terms}), from which the bank's books are generated. Any other CPF may log
 * in; it has no products. Where the bank holds a product as blocked or closed (a development control
 * sets it) is kept per brand.
 */
@ApplicationScoped
public class Customers {

    /**
     * A product a customer holds, with what the bank keeps under it ({@link Terms}: what its data APIs
     * show); {@code multipleApproval} when sharing it needs a second approver. The description (what the
     * bank's pages show) is made from the terms.
     */
    public record Product(String resourceId, ResourceType type, String description, boolean multipleApproval,
                          Terms terms) {

        /** An account: {@code label} names its kind on the bank's pages ("Conta corrente", "Conta corrente PJ"). */
        static Product account(String resourceId, String label, AccountType accountType, String branch, String number,
                               String checkDigit, Activity activity, boolean multipleApproval) {
            return new Product(resourceId, ResourceType.ACCOUNT, label + ", agência " + branch + ", conta " + number + "-"
                    + checkDigit, multipleApproval, new AccountTerms(accountType, branch, number, checkDigit, activity));
        }

        static Product card(String resourceId, CardNetwork network, String finalDigits, String productType,
                            int closingDay) {
            return new Product(resourceId, ResourceType.CREDIT_CARD_ACCOUNT, "Cartão " + network.label() + " final "
                    + finalDigits, false, new CardTerms(network, finalDigits, productType, closingDay));
        }

        /** A credit operation (loan, financing, overdraft, invoice financing) of the spec's {@code productSubType}. */
        static Product contract(String resourceId, ResourceType type, String description, String productSubType) {
            return new Product(resourceId, type, description, false, new ContractTerms(productSubType));
        }
    }

    /**
     * A customer: a person (CPF) or a company (CNPJ) with the CPFs of its representatives, who log in
     * for it, and the CPF of the second approver its multi-approver products need.
     */
    public record Customer(String document, String name, List<Product> products, List<String> representatives,
                           String secondApprover) {

        public boolean company() {
            return document.length() == 14;
        }
    }

    /** What the bank keeps under a product: an account's, a card's or a credit operation's terms. */
    public sealed interface Terms permits AccountTerms, CardTerms, ContractTerms {
    }

    /**
     * An account: accounts v2's {@code type}, its branch, number (five digits here; the API pads it to the
     * spec's eight) and check digit, and how busy it is.
     */
    public record AccountTerms(AccountType accountType, String branch, String number, String checkDigit,
                               Activity activity) implements Terms {
    }

    /**
     * A credit card: its network, the last digits of the card (the API's {@code identificationNumber}), credit
     * cards v2's {@code productType}, and the day of the month its bill closes.
     */
    public record CardTerms(CardNetwork network, String finalDigits, String productType, int closingDay)
            implements Terms {
    }

    /** A credit operation: its {@code productSubType} in the spec of its kind. */
    public record ContractTerms(String productSubType) implements Terms {
    }

    /** accounts v2's {@code EnumAccountType}. */
    public enum AccountType {
        CONTA_DEPOSITO_A_VISTA, CONTA_POUPANCA, CONTA_PAGAMENTO_PRE_PAGA
    }

    /** credit cards v2's {@code creditCardNetwork}, with the name the bank's pages show. */
    public enum CardNetwork {
        VISA("Visa"), MASTERCARD("Mastercard");

        private final String label;

        CardNetwork(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * How busy an account is, which its generated transactions follow: HEAVY is a heavy Pix user (34
     * transactions a weekday, 20 a weekend day: more than 10,000 a year), REGULAR a few a day, LIGHT a few
     * a month (a savings account).
     */
    public enum Activity {
        HEAVY, REGULAR, LIGHT
    }

    /** How the bank holds a product now, when not as AVAILABLE. */
    public record Availability(String resourceId, ResourceStatus status, Instant since) {
    }

    /** A person with accounts, cards and credit operations at Banco Sandbox Ponte, an account and a loan at Banco Horizonte. */
    public static final String PERSON_CPF = "76109277673";
    /** A company whose accounts need two approvers, at Banco Sandbox Ponte. */
    public static final String COMPANY_CNPJ = "45612378000184";
    /** The company's representative: the logged user of its consents, the first approver. */
    public static final String REPRESENTATIVE_CPF = "52998224725";
    /** The company's second approver. */
    public static final String SECOND_APPROVER_CPF = "39053344705";
    /** A customer with no products, at both brands. */
    public static final String NO_PRODUCTS_CPF = "11144477735";
    /** The collection benchmark's customer: five heavy checking accounts at Banco Sandbox Ponte. */
    public static final String BENCH_CPF = "31415926590";

    private static final Map<Brand, List<Customer>> CUSTOMERS = Map.of(
            Brand.SANDBOX, List.of(
                    new Customer(PERSON_CPF, "Joana Exemplo", List.of(
                            Product.account("a6124cea-8be3-435a-8309-d850c81fe49b", "Conta corrente",
                                    AccountType.CONTA_DEPOSITO_A_VISTA, "0001", "12345", "6", Activity.HEAVY, false),
                            Product.account("717c7f9f-3237-4752-ba01-c86d3399cd2c", "Conta poupança",
                                    AccountType.CONTA_POUPANCA, "0001", "65432", "1", Activity.LIGHT, false),
                            Product.card("e7ff3f42-bc2f-41f1-b866-a471c4003806", CardNetwork.VISA, "4321", "GOLD", 3),
                            Product.card("a6ed4deb-1193-443d-a54f-9ad6d2357a9b", CardNetwork.MASTERCARD, "8765", "PLATINUM",
                                    12),
                            Product.contract("4bc54e2d-7da6-48ac-aa36-0555094da7f6", ResourceType.LOAN,
                                    "Empréstimo pessoal", "CREDITO_PESSOAL_SEM_CONSIGNACAO"),
                            Product.contract("d6b7536f-47dc-44ae-9bc4-fb8e4b5bbeb8", ResourceType.FINANCING,
                                    "Financiamento de veículo", "AQUISICAO_BENS_VEICULOS_AUTOMOTORES"),
                            Product.contract("74e96c49-ff39-4f9a-a133-467a688ac8a7",
                                    ResourceType.UNARRANGED_ACCOUNT_OVERDRAFT, "Cheque especial da conta 12345-6",
                                    "ADIANTAMENTO_A_DEPOSITANTES"),
                            Product.contract("9e455c99-1dd5-48a8-b48d-cdd164bdab89", ResourceType.INVOICE_FINANCING,
                                    "Antecipação de recebíveis", "ANTECIPACAO_FATURA_CARTAO_CREDITO")),
                            List.of(), null),
                    new Customer(COMPANY_CNPJ, "Padaria Exemplo Ltda", List.of(
                            Product.account("a969820e-a343-4d09-9576-a6ed57f76667", "Conta corrente PJ",
                                    AccountType.CONTA_DEPOSITO_A_VISTA, "0001", "77777", "7", Activity.REGULAR, true),
                            Product.account("e3b407e0-e4a3-46b4-addf-d58afc0fd2ac", "Conta de pagamento PJ",
                                    AccountType.CONTA_PAGAMENTO_PRE_PAGA, "0001", "88888", "8", Activity.REGULAR, true),
                            Product.contract("b78c7c82-11dd-4b81-8e94-76c2f028d3cc", ResourceType.INVOICE_FINANCING,
                                    "Desconto de duplicatas", "DESCONTO_DUPLICATAS")),
                            List.of(REPRESENTATIVE_CPF, SECOND_APPROVER_CPF), SECOND_APPROVER_CPF),
                    new Customer(BENCH_CPF, "Bruno Carga Exemplo", List.of(
                            Product.account("f5233256-51c2-40d6-9a22-2e652f7d378e", "Conta corrente 1",
                                    AccountType.CONTA_DEPOSITO_A_VISTA, "0001", "90001", "1", Activity.HEAVY, false),
                            Product.account("3ba08df8-1ad0-41ea-9d98-62987033fb31", "Conta corrente 2",
                                    AccountType.CONTA_DEPOSITO_A_VISTA, "0001", "90002", "2", Activity.HEAVY, false),
                            Product.account("4b8a61bd-b42d-4687-83a9-a11e15fe5f55", "Conta corrente 3",
                                    AccountType.CONTA_DEPOSITO_A_VISTA, "0001", "90003", "3", Activity.HEAVY, false),
                            Product.account("2d8e657e-0e9a-484c-80f2-26baa925ccf3", "Conta corrente 4",
                                    AccountType.CONTA_DEPOSITO_A_VISTA, "0001", "90004", "4", Activity.HEAVY, false),
                            Product.account("8c812057-914f-4475-94c3-8de6e6325d2b", "Conta corrente 5",
                                    AccountType.CONTA_DEPOSITO_A_VISTA, "0001", "90005", "5", Activity.HEAVY, false)),
                            List.of(), null),
                    new Customer(NO_PRODUCTS_CPF, "Pedro Sem Produtos", List.of(), List.of(), null)),
            Brand.HORIZONTE, List.of(
                    new Customer(PERSON_CPF, "Joana Exemplo", List.of(
                            Product.account("813f9aeb-1fd7-4d47-8754-96751e7cef45", "Conta corrente",
                                    AccountType.CONTA_DEPOSITO_A_VISTA, "0002", "55555", "5", Activity.REGULAR, false),
                            Product.contract("f544cfd7-8d26-4efc-b277-a25dfb81868d", ResourceType.LOAN, "Crédito pessoal",
                                    "CREDITO_PESSOAL_SEM_CONSIGNACAO")),
                            List.of(), null),
                    new Customer(NO_PRODUCTS_CPF, "Pedro Sem Produtos", List.of(), List.of(), null)));

    private final BrandTables<Availability> availability;

    public Customers(SandboxStore store, BrandContext bank) {
        this.availability = new BrandTables<>(store, bank, "productAvailability", Availability.class);
    }

    /** The categories of data the brand offers (its directory entry's data APIs): it keeps only the permissions of these. */
    public static Set<DataCategory> categories(Brand brand) {
        return DataCategory.offeredBy(brand);
    }

    public static List<Customer> all(Brand brand) {
        return CUSTOMERS.get(brand);
    }

    public static Optional<Customer> find(Brand brand, String document) {
        return all(brand).stream().filter(customer -> customer.document().equals(document)).findFirst();
    }

    /** The customer's products; none for a document the brand does not know. */
    public static List<Product> products(Brand brand, String document) {
        return find(brand, document).map(Customer::products).orElse(List.of());
    }

    public static Optional<Product> product(Brand brand, String resourceId) {
        return all(brand).stream().flatMap(customer -> customer.products().stream())
                .filter(product -> product.resourceId().equals(resourceId)).findFirst();
    }

    /** The companies whose second approver this CPF is. */
    public static List<Customer> approvedBy(Brand brand, String cpf) {
        return all(brand).stream().filter(customer -> cpf.equals(customer.secondApprover())).toList();
    }

    /** How the bank holds the product now: AVAILABLE unless blocked or closed. */
    public ResourceStatus availability(Brand brand, String resourceId) {
        return availability.of(brand).find(resourceId).map(Availability::status).orElse(ResourceStatus.AVAILABLE);
    }

    /** The bank now holds the product as {@code status} (blocked, closed, or available again). */
    public void hold(Brand brand, String resourceId, ResourceStatus status) {
        if (status == ResourceStatus.AVAILABLE) {
            availability.of(brand).take(resourceId);
        } else {
            availability.of(brand).put(resourceId, new Availability(resourceId, status, Instant.now()));
        }
    }
}
