package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;

/**
 * {@code collection:budget:low}: an operation's operational-limit budget at the institution fell
 * under the threshold this month (once per operation, resource and month).
 *
 * @param operation  collection-service's name of the operation, e.g. ACCOUNT_BALANCES
 * @param resourceId the account, card or contract counted; null when counted for the whole consent
 * @param month      the calendar month in America/Sao_Paulo, {@code yyyy-MM}
 * @param resetsAt   when the count starts again (the next month's first instant in America/Sao_Paulo)
 */
public record CollectionBudgetLow(String consentId, String transmitter, String operation, String resourceId,
                                  int limit, int used, int remaining, String month, Instant resetsAt)
        implements EventData {
}
