package br.com.ponte.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Kafka topics of the platform. Each carries the events of one aggregate type, keyed by the
 * aggregate id, so the events of one consent (or payment, ...) stay ordered in one partition.
 * The outbox writes the topic name into its {@code aggregatetype} column and the relay routes each
 * row to that topic.
 */
public enum Topic {
    CONSENT("consent.events"),
    PAYMENT("payment.events"),
    SHARING("sharing.events"),
    COLLECTION("collection.events"),
    CERTIFICATE("certificate.events"),
    /** Operational events of the webhook-dispatcher (an endpoint disabled, a test message). */
    WEBHOOK("webhook.events"),
    /** Webhook messages whose delivery schedule was exhausted, one record per failed delivery. */
    WEBHOOK_DEAD_LETTERS("webhook.dead-letters"),
    /**
     * Security-relevant actions of every service (the audit log), stored by certificate-vault. Never
     * delivered to partners' webhooks.
     */
    AUDIT("audit.events");

    private final String topicName;

    Topic(String topicName) {
        this.topicName = topicName;
    }

    /** The topic name, e.g. {@code consent.events}; also the outbox's {@code aggregatetype}. */
    public String topicName() {
        return topicName;
    }

    /** Where records that are not valid events go, e.g. {@code consent.events.dlq}. */
    public String deadLetterTopicName() {
        return topicName + ".dlq";
    }

    public static Optional<Topic> fromTopicName(String name) {
        return Arrays.stream(values()).filter(t -> t.topicName().equals(name)).findFirst();
    }
}
