package br.com.ponte.sandbox.books;

import java.time.LocalDate;
import java.util.List;

/**
 * What the bank keeps of a customer's registration (customers v2): a person's or a company's, made from
 * the seed and the document, so that it is the same on every call and consistent with the CPF or CNPJ.
 * For a company, {@code born} is its incorporation and {@code partners} its representatives.
 */
public record Registration(String id, String document, String name, String tradeName, LocalDate born, String sex,
                           String maritalStatus, String motherName, String idCard, Address address, String areaCode,
                           String phone, String email, String occupation, long incomeCents, long patrimonyCents,
                           LocalDate customerSince, List<Partner> partners) {

    public Registration {
        partners = List.copyOf(partners);
    }

    public boolean company() {
        return document.length() == 14;
    }

    /** A postal address in Brazil: the town's IBGE code and state. */
    public record Address(String street, String district, String town, String ibgeCode, String state,
                          String postCode) {
    }

    /** A company's partner, who represents it: a person. */
    public record Partner(String cpf, String name, String shareholding) {
    }
}
