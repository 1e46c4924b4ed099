package br.com.ponte.sandbox.sharing;

import br.com.ponte.sandbox.brand.ApiFamily;
import br.com.ponte.sandbox.brand.Brand;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The categories of data of the consents v3 permission table ("categoria de dados"): what a bank
 * offers or not. Credit operations, investments and exchange are grouped products: a bank keeps or
 * drops their group whole. A bank offers a category when the directory lists the API families of its
 * data for it (investments and exchange: none here).
 */
public enum DataCategory {
    REGISTRATION("Cadastro", ApiFamily.CUSTOMERS),
    ACCOUNTS("Contas", ApiFamily.ACCOUNTS),
    CREDIT_CARDS("Cartão de crédito", ApiFamily.CREDIT_CARDS_ACCOUNTS),
    CREDIT_OPERATIONS("Operações de crédito", ApiFamily.LOANS, ApiFamily.FINANCINGS, ApiFamily.INVOICE_FINANCINGS,
            ApiFamily.UNARRANGED_ACCOUNTS_OVERDRAFT),
    INVESTMENTS("Investimentos"),
    EXCHANGE("Câmbio");

    private final String label;
    private final List<ApiFamily> families;

    DataCategory(String label, ApiFamily... families) {
        this.label = label;
        this.families = List.of(families);
    }

    /** The categories whose data {@code brand} offers: those whose every API family it lists. */
    public static Set<DataCategory> offeredBy(Brand brand) {
        Set<DataCategory> offered = EnumSet.noneOf(DataCategory.class);
        Arrays.stream(values()).filter(c -> !c.families.isEmpty() && brand.apis().containsAll(c.families)).forEach(offered::add);
        return offered;
    }

    public String label() {
        return label;
    }
}
