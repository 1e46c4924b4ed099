package br.com.ponte.consent.whitelabel;

/**
 * Where a payment intent is. Once the user chose a bank the intent's consent tells the rest
 * (AWAITING_AUTHORISATION, AUTHORISED, REJECTED, ...).
 */
public enum IntentStatus {
    /** Created; the user has not chosen a bank yet (or must choose again after a bank's error). */
    AWAITING_BANK_CHOICE,
    /** The user chose a bank and the consent was created for it. */
    BANK_CHOSEN,
    /** No bank was chosen within the authorisation window. */
    EXPIRED
}
