package br.com.ponte.events.data;

/**
 * What is being paid, as the partner asked for it.
 *
 * @param amount           decimal string with two places, e.g. {@code "100.12"} (as Open Finance sends it)
 * @param currency         ISO 4217, {@code BRL}
 * @param date             payment date ({@code yyyy-MM-dd}) for a single payment, null for schedules
 * @param creditorName     who receives the money
 * @param creditorCpfCnpj  the creditor's CPF or CNPJ, digits only
 * @param localInstrument  Pix local instrument: MANU, DICT, QRDN, QRES, INIC
 */
public record PaymentSummary(String amount, String currency, String date, String creditorName,
                             String creditorCpfCnpj, String localInstrument) {
}
