package br.com.ponte.collection.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * How collection-service collects: the task worker, retries, the banks' rate, the windows read, and
 * the operational-limit budget. Every figure has a default and an env override
 * ({@code PONTE_COLLECTION_...}); the per-operation figures are lists of {@code OPERATION=value}.
 */
@ConfigMapping(prefix = "ponte.collection")
public interface CollectionConfig {

    /** Run due tasks on a schedule (off in tests that drive {@code TaskWorker.runDue()} themselves). */
    @WithDefault("true")
    boolean workerEnabled();

    /** How often due tasks are looked for. */
    @WithDefault("1s")
    Duration pollEvery();

    /** Tasks claimed per look. */
    @WithDefault("8")
    int claimBatch();

    /** A claimed task is another instance's to take after this (a crash only delays it). */
    @WithDefault("5m")
    Duration lease();

    /** A task is given up (collection:failed) after this many failed attempts in a row. */
    @WithDefault("6")
    int maxAttempts();

    /** The first retry's wait; it doubles per attempt up to {@link #retryMax()}. */
    @WithDefault("15s")
    Duration retryFirst();

    @WithDefault("30m")
    Duration retryMax();

    /** The wait after a 429 that names no Retry-After. */
    @WithDefault("60s")
    Duration retryAfterDefault();

    /** Calls at once to one bank (over every consent). */
    @WithDefault("2")
    int bankConcurrency();

    /** Calls per second to one bank. */
    @WithDefault("5")
    int bankCallsPerSecond();

    /** The wait before an initial collection, so the resources shared together are collected together. */
    @WithDefault("2s")
    Duration initialDelay();

    /** page-size asked of the bank (the specs' maximum is 1000). */
    @WithDefault("1000")
    int pageSize();

    /** How far back the initial collection reads transactions (the specs allow 12 months). */
    @WithDefault("12")
    int historyMonths();

    /**
     * How far ahead an account's full-history read reaches, so scheduled transactions
     * ({@code LANCAMENTO_FUTURO}) are collected before they post and a posting is an update of the same
     * transaction, never a new one. Cards' transactions are read up to today (their spec's limit).
     */
    @WithDefault("31")
    int futureDays();

    /** How often transactions are read again over {@link #deepWindow()} with the full-history operation. */
    @WithDefault("14d")
    Duration deepEvery();

    /** The window of that deep read (catches backdated transactions older than the recent window). */
    @WithDefault("35d")
    Duration deepWindow();

    /** A partner's refresh does not re-read an operation collected less than this ago. */
    @WithDefault("5m")
    Duration refreshMinAge();

    /** collection:budget:low when an operation's remaining calls fall to this percentage of its limit or under. */
    @WithDefault("20")
    int budgetLowPercent();

    /**
     * Count the budget per resource (account, card, contract) as well as per consent and operation. Set
     * false for a bank that counts per consent and operation only.
     */
    @WithDefault("true")
    boolean budgetPerResource();

    /** The calendar the banks count months in. */
    @WithDefault("America/Sao_Paulo")
    ZoneId zone();

    /** Overrides of the monthly limits, {@code OPERATION=calls} (defaults: the official table, {@code Operation}). */
    Optional<List<String>> limits();

    /** Overrides of the calls kept for the partner's live reads, {@code OPERATION=calls}. */
    Optional<List<String>> reserves();

    /** Overrides of the scheduled refresh intervals, {@code OPERATION=duration} (ISO-8601 or 6h, 1d). */
    Optional<List<String>> refreshIntervals();

    /** The most changes one page of the change feed returns. */
    @WithDefault("1000")
    int changeFeedMaxLimit();
}
