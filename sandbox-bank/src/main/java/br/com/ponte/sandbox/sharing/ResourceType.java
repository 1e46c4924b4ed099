package br.com.ponte.sandbox.sharing;

/**
 * The kinds of resource the resources API lists ({@code ResponseResourceList.data.type}) that the
 * sandbox's customers hold, each with the permission that brings it into a consent. Accounts and
 * credit cards are chosen one by one by the user at the bank; credit operations are shared whole.
 */
public enum ResourceType {
    ACCOUNT(Permission.ACCOUNTS_READ, "Contas", true),
    CREDIT_CARD_ACCOUNT(Permission.CREDIT_CARDS_ACCOUNTS_READ, "Cartões de crédito", true),
    LOAN(Permission.LOANS_READ, "Empréstimos", false),
    FINANCING(Permission.FINANCINGS_READ, "Financiamentos", false),
    UNARRANGED_ACCOUNT_OVERDRAFT(Permission.UNARRANGED_ACCOUNTS_OVERDRAFT_READ, "Cheque especial", false),
    INVOICE_FINANCING(Permission.INVOICE_FINANCINGS_READ, "Direitos creditórios descontados", false);

    private final Permission coveredBy;
    private final String label;
    private final boolean chosenByUser;

    ResourceType(Permission coveredBy, String label, boolean chosenByUser) {
        this.coveredBy = coveredBy;
        this.label = label;
        this.chosenByUser = chosenByUser;
    }

    /** The permission a consent needs for resources of this type to be shared. */
    public Permission coveredBy() {
        return coveredBy;
    }

    public String label() {
        return label;
    }

    /** Whether the user picks which of them to share (at least one of each such type is kept). */
    public boolean chosenByUser() {
        return chosenByUser;
    }
}
