package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.books.AccountBook;
import br.com.ponte.sandbox.books.Registration;
import br.com.ponte.sandbox.books.Registration.Address;
import br.com.ponte.sandbox.books.Registration.Partner;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.resource.WireFormat;
import br.com.ponte.sandbox.sharing.Customers.AccountTerms;
import br.com.ponte.sandbox.sharing.Customers.Product;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A customer's registration, qualification and relationship with the bank as customers 2.2.1 has them. */
final class CustomerViews {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The activity (CNAE) of the companies the sandbox knows: bakeries, "padaria e confeitaria". */
    private static final String BAKERY = "4721102";

    private CustomerViews() {
    }

    /** {@code PersonalIdentificationData}. */
    static ObjectNode personalIdentification(Brand brand, Registration registration) {
        ObjectNode data = NODES.objectNode().put("updateDateTime", updated(registration))
                .put("personalId", registration.id()).put("brandName", brand.displayName())
                .put("civilName", registration.name()).put("birthDate", registration.born().toString())
                .put("maritalStatusCode", registration.maritalStatus()).put("sex", registration.sex());
        data.putArray("companiesCnpj").add(brand.cnpj());
        data.putObject("documents").put("cpfNumber", registration.document());
        data.putArray("otherDocuments").addObject().put("type", "RG").put("number", registration.idCard())
                .put("additionalInfo", "SSP/" + registration.address().state());
        data.put("hasBrazilianNationality", true);
        data.putArray("filiation").addObject().put("type", "MAE").put("civilName", registration.motherName());
        data.set("contacts", contacts(registration, "MOVEL"));
        return data;
    }

    /** {@code PersonalQualificationData}. */
    static ObjectNode personalQualification(Brand brand, Registration registration) {
        ObjectNode data = NODES.objectNode().put("updateDateTime", updated(registration)).put("companyCnpj", brand.cnpj())
                .put("occupationCode", "OUTRO").put("occupationDescription", registration.occupation());
        ObjectNode income = data.putObject("informedIncome").put("frequency", "MENSAL");
        income.set("amount", Amounts.money(registration.incomeCents()));
        income.put("date", registration.customerSince().toString());
        ObjectNode patrimony = data.putObject("informedPatrimony");
        patrimony.set("amount", Amounts.money(registration.patrimonyCents()));
        patrimony.put("year", registration.customerSince().getYear());
        return data;
    }

    /** {@code PersonalFinancialRelationData}: the products held at the brand and its accounts. */
    static ObjectNode personalFinancialRelations(Brand brand, Registration registration, List<Product> products,
                                                 List<AccountBook> accounts) {
        ObjectNode data = relations(registration, products);
        data.putArray("procurators");
        ArrayNode listed = data.putArray("accounts");
        accounts.forEach(account -> listed.add(account(brand, account).put("subtype", "INDIVIDUAL")));
        return data;
    }

    /** {@code BusinessIdentificationData}: the company's partners are its representatives at the bank. */
    static ObjectNode businessIdentification(Brand brand, Registration registration) {
        ObjectNode data = NODES.objectNode().put("updateDateTime", updated(registration))
                .put("businessId", registration.id()).put("brandName", brand.displayName())
                .put("companyName", registration.name()).put("tradeName", registration.tradeName())
                .put("incorporationDate", WireFormat.dateTime(registration.born().atStartOfDay().toInstant(ZoneOffset.UTC)))
                .put("cnpjNumber", registration.document());
        data.putArray("companiesCnpj").add(brand.cnpj());
        data.putArray("otherDocuments").addObject().put("type", "INSCRICAO_ESTADUAL").put("number", registration.idCard())
                .put("country", "BRA");
        ArrayNode parties = data.putArray("parties");
        for (Partner partner : registration.partners()) {
            parties.addObject().put("personType", "PESSOA_NATURAL").put("type", "SOCIO").put("civilName", partner.name())
                    .put("startDate", WireFormat.dateTime(registration.born().atStartOfDay().toInstant(ZoneOffset.UTC)))
                    .put("shareholding", partner.shareholding()).put("documentType", "CPF")
                    .put("documentNumber", partner.cpf()).put("documentCountry", "BRA");
        }
        data.set("contacts", contacts(registration, "FIXO"));
        return data;
    }

    /** {@code BusinessQualificationData}. */
    static ObjectNode businessQualification(Registration registration) {
        ObjectNode data = NODES.objectNode().put("updateDateTime", updated(registration));
        data.putArray("economicActivities").addObject().put("code", BAKERY).put("isMain", true);
        ObjectNode revenue = data.putObject("informedRevenue").put("frequency", "ANUAL");
        revenue.set("amount", Amounts.money(registration.incomeCents()));
        revenue.put("year", registration.customerSince().getYear());
        ObjectNode patrimony = data.putObject("informedPatrimony");
        patrimony.set("amount", Amounts.money(registration.patrimonyCents()));
        patrimony.put("date", LocalDate.of(registration.customerSince().getYear(), 12, 31).toString());
        return data;
    }

    /** {@code BusinessFinancialRelationData}: its representatives act for it. */
    static ObjectNode businessFinancialRelations(Brand brand, Registration registration, List<Product> products,
                                                 List<AccountBook> accounts) {
        ObjectNode data = relations(registration, products);
        ArrayNode procurators = data.putArray("procurators");
        registration.partners().forEach(partner -> procurators.addObject().put("type", "REPRESENTANTE_LEGAL")
                .put("cnpjCpfNumber", partner.cpf()).put("civilName", partner.name()));
        ArrayNode listed = data.putArray("accounts");
        accounts.forEach(account -> listed.add(account(brand, account)));
        return data;
    }

    private static ObjectNode relations(Registration registration, List<Product> products) {
        ObjectNode data = NODES.objectNode().put("updateDateTime", updated(registration)).put("startDate",
                WireFormat.dateTime(registration.customerSince().atStartOfDay().toInstant(ZoneOffset.UTC)));
        Set<String> types = new LinkedHashSet<>();
        for (Product product : products) {
            types.add(switch (product.type()) {
                case ACCOUNT -> ((AccountTerms) product.terms()).accountType().name();
                case CREDIT_CARD_ACCOUNT -> "CARTAO_CREDITO";
                default -> "OPERACAO_CREDITO";
            });
        }
        ArrayNode listed = data.putArray("productsServicesType");
        if (types.isEmpty()) {
            listed.add("OUTROS");
            data.put("productsServicesTypeAdditionalInfo", "Cadastro sem produtos contratados");
        } else {
            types.forEach(listed::add);
        }
        return data;
    }

    private static ObjectNode account(Brand brand, AccountBook account) {
        return NODES.objectNode().put("compeCode", brand.compeCode()).put("branchCode", account.terms().branch())
                .put("number", account.number()).put("checkDigit", account.terms().checkDigit())
                .put("type", account.terms().accountType().name());
    }

    private static ObjectNode contacts(Registration registration, String phoneType) {
        ObjectNode contacts = NODES.objectNode();
        Address address = registration.address();
        contacts.putArray("postalAddresses").addObject().put("isMain", true).put("address", address.street())
                .put("districtName", address.district()).put("townName", address.town())
                .put("ibgeTownCode", address.ibgeCode()).put("countrySubDivision", address.state())
                .put("postCode", address.postCode()).put("country", "Brasil").put("countryCode", "BRA");
        contacts.putArray("phones").addObject().put("isMain", true).put("type", phoneType).put("countryCallingCode", "55")
                .put("areaCode", registration.areaCode())
                .put("number", "FIXO".equals(phoneType) ? registration.phone().substring(1) : registration.phone());
        contacts.putArray("emails").addObject().put("isMain", true).put("email", registration.email());
        return contacts;
    }

    /** When the bank last updated the registration: the day the customer came, at noon. */
    private static String updated(Registration registration) {
        return WireFormat.dateTime(registration.customerSince().atTime(12, 0).toInstant(ZoneOffset.UTC));
    }
}
