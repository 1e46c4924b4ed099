package br.com.ponte.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Kafka topics of the platform. Each carries the events of one aggregate type, keyed by the
 * aggregate id, so the events of one consent (or payment, ...) stay ordered in one partition.
 * The outbox relay routes a row to {@code <aggregateType>.events}.
 */
public enum Topic {
    CONSENT("consent"),
    PAYMENT("payment"),
    SHARING("sharing"),
    COLLECTION("collection"),
    CERTIFICATE("certificate"),
    WEBHOOK("webhook");

    private final String aggregateType;

    Topic(String aggregateType) {
        this.aggregateType = aggregateType;
    }

    /** The value written to the outbox's {@code aggregatetype} column. */
    public String aggregateType() {
        return aggregateType;
    }

    /** The topic name, e.g. {@code consent.events}. */
    public String topicName() {
        return aggregateType + ".events";
    }

    /** Where events that cannot be processed go, e.g. {@code consent.events.dlq}. */
    public String deadLetterTopicName() {
        return topicName() + ".dlq";
    }

    public static Optional<Topic> fromTopicName(String name) {
        return Arrays.stream(values()).filter(t -> t.topicName().equals(name)).findFirst();
    }
}
