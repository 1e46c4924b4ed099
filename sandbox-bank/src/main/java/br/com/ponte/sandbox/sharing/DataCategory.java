package br.com.ponte.sandbox.sharing;

/**
 * The categories of data of the consents v3 permission table ("categoria de dados"): what a bank
 * offers or not. Credit operations, investments and exchange are grouped products: a bank keeps or
 * drops their group whole.
 */
public enum DataCategory {
    REGISTRATION("Cadastro"),
    ACCOUNTS("Contas"),
    CREDIT_CARDS("Cartão de crédito"),
    CREDIT_OPERATIONS("Operações de crédito"),
    INVESTMENTS("Investimentos"),
    EXCHANGE("Câmbio");

    private final String label;

    DataCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
