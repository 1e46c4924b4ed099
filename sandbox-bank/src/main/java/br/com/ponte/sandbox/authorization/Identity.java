package br.com.ponte.sandbox.authorization;

import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.sharing.Customers;

import java.util.List;

/**
 * Who the user who logged in is, as the claims of fapi-id3 name it: {@code cpf}, and {@code cnpj}, the
 * companies the user represents at the brand (empty for none).
 */
public record Identity(String cpf, List<String> cnpj) {

    public static Identity of(Brand brand, String cpf) {
        return new Identity(cpf, Customers.all(brand).stream()
                .filter(customer -> customer.representatives().contains(cpf))
                .map(Customers.Customer::document).toList());
    }
}
