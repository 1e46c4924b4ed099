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
 * consent (a product's id is its {@code accountId} and the like in the data APIs). Any other CPF may
 * log in; it has no products. Where the bank holds a product as blocked or closed (a development
 * control sets it) is kept per brand.
 */
@ApplicationScoped
public class Customers {

    /** A product a customer holds; {@code multipleApproval} when sharing it needs a second approver. */
    public record Product(String resourceId, ResourceType type, String description, boolean multipleApproval) {
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

    private static final Map<Brand, List<Customer>> CUSTOMERS = Map.of(
            Brand.SANDBOX, List.of(
                    new Customer(PERSON_CPF, "Joana Exemplo", List.of(
                            new Product("a6124cea-8be3-435a-8309-d850c81fe49b", ResourceType.ACCOUNT,
                                    "Conta corrente, agência 0001, conta 12345-6", false),
                            new Product("717c7f9f-3237-4752-ba01-c86d3399cd2c", ResourceType.ACCOUNT,
                                    "Conta poupança, agência 0001, conta 65432-1", false),
                            new Product("e7ff3f42-bc2f-41f1-b866-a471c4003806", ResourceType.CREDIT_CARD_ACCOUNT,
                                    "Cartão Visa final 4321", false),
                            new Product("a6ed4deb-1193-443d-a54f-9ad6d2357a9b", ResourceType.CREDIT_CARD_ACCOUNT,
                                    "Cartão Mastercard final 8765", false),
                            new Product("4bc54e2d-7da6-48ac-aa36-0555094da7f6", ResourceType.LOAN,
                                    "Empréstimo pessoal", false),
                            new Product("d6b7536f-47dc-44ae-9bc4-fb8e4b5bbeb8", ResourceType.FINANCING,
                                    "Financiamento de veículo", false),
                            new Product("74e96c49-ff39-4f9a-a133-467a688ac8a7", ResourceType.UNARRANGED_ACCOUNT_OVERDRAFT,
                                    "Cheque especial da conta 12345-6", false),
                            new Product("9e455c99-1dd5-48a8-b48d-cdd164bdab89", ResourceType.INVOICE_FINANCING,
                                    "Antecipação de recebíveis", false)),
                            List.of(), null),
                    new Customer(COMPANY_CNPJ, "Padaria Exemplo Ltda", List.of(
                            new Product("a969820e-a343-4d09-9576-a6ed57f76667", ResourceType.ACCOUNT,
                                    "Conta corrente PJ, agência 0001, conta 77777-7", true),
                            new Product("e3b407e0-e4a3-46b4-addf-d58afc0fd2ac", ResourceType.ACCOUNT,
                                    "Conta de pagamento PJ, agência 0001, conta 88888-8", true),
                            new Product("b78c7c82-11dd-4b81-8e94-76c2f028d3cc", ResourceType.INVOICE_FINANCING,
                                    "Desconto de duplicatas", false)),
                            List.of(REPRESENTATIVE_CPF, SECOND_APPROVER_CPF), SECOND_APPROVER_CPF),
                    new Customer(NO_PRODUCTS_CPF, "Pedro Sem Produtos", List.of(), List.of(), null)),
            Brand.HORIZONTE, List.of(
                    new Customer(PERSON_CPF, "Joana Exemplo", List.of(
                            new Product("813f9aeb-1fd7-4d47-8754-96751e7cef45", ResourceType.ACCOUNT,
                                    "Conta corrente, agência 0002, conta 55555-5", false),
                            new Product("f544cfd7-8d26-4efc-b277-a25dfb81868d", ResourceType.LOAN,
                                    "Crédito pessoal", false)),
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
