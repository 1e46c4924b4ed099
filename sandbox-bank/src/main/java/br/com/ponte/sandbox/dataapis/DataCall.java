package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.resource.Caller;
import br.com.ponte.sandbox.sharing.Customers;
import br.com.ponte.sandbox.sharing.Customers.Product;
import br.com.ponte.sandbox.sharing.ResourceStatus;
import br.com.ponte.sandbox.sharing.ResourceType;
import br.com.ponte.sandbox.sharing.SharingConsent;

import java.time.Instant;
import java.util.List;

/**
 * A data API call {@link DataAccess} let through: the operation, the caller, its consent (AUTHORISED, with
 * the operation's permission), the brand, the product its path names (shared by the consent and AVAILABLE;
 * null for a list or registration data), its path below the issuer, and when it came.
 */
record DataCall(DataOperation operation, Caller caller, SharingConsent consent, Brand brand, Product product, String path,
                Instant now) {

    String resourceId() {
        return product == null ? null : product.resourceId();
    }

    /** The products of {@code type} the consent shares and the bank serves: AVAILABLE ones, in the consent's order. */
    List<Product> shared(ResourceType type) {
        return consent.resources().stream()
                .filter(resource -> resource.type() == type && resource.status() == ResourceStatus.AVAILABLE)
                .map(resource -> Customers.product(brand, resource.resourceId()).orElseThrow()).toList();
    }
}
