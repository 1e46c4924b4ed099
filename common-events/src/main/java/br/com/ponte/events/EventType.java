package br.com.ponte.events;

import br.com.ponte.events.data.*;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The event catalog. The payment consent lifecycle uses the exact names of seed 003; the other
 * families follow the same {@code noun:verb} style. Each type has one data record and a version;
 * within a version only additive changes are allowed.
 */
public enum EventType {
    // Payment consent lifecycle (seed 003)
    BEFORE_CONSENT_CREATE("before:consent:create", Topic.CONSENT, ConsentCreateRequested.class),
    AFTER_CONSENT_CREATE("after:consent:create", Topic.CONSENT, ConsentCreated.class),
    CONSENT_APPROVED("consent:approved", Topic.CONSENT, ConsentApproved.class),
    CONSENT_REJECTED("consent:rejected", Topic.CONSENT, ConsentRejected.class),
    CONSENT_CONSUMED("consent:consumed", Topic.CONSENT, ConsentConsumed.class),
    CONSENT_POLLING("consent:polling", Topic.CONSENT, ConsentPolled.class),
    CONSENT_FINISH("consent:finish", Topic.CONSENT, ConsentFinished.class),
    CONSENT_EXPIRED("consent:expired", Topic.CONSENT, ConsentExpired.class),
    CONSENT_REVOKE("consent:revoke", Topic.CONSENT, ConsentRevoked.class),

    // Pix payment status
    PAYMENT_INITIATED("payment:initiated", Topic.PAYMENT, PaymentInitiated.class),
    PAYMENT_STATUS_CHANGED("payment:status:changed", Topic.PAYMENT, PaymentStatusChanged.class),
    PAYMENT_POLLED("payment:polled", Topic.PAYMENT, PaymentPolled.class),

    // Data sharing (seed 000): sessions on the session id, consents and their resources on the consent id
    SHARING_SESSION_STARTED("sharing:session:started", Topic.SHARING, SharingSessionStarted.class),
    SHARING_SESSION_FINISHED("sharing:session:finished", Topic.SHARING, SharingSessionFinished.class),
    SHARING_CONSENT_CREATED("sharing:consent:created", Topic.SHARING, SharingConsentCreated.class),
    SHARING_CONSENT_AUTHORISED("sharing:consent:authorised", Topic.SHARING, SharingConsentAuthorised.class),
    SHARING_CONSENT_REJECTED("sharing:consent:rejected", Topic.SHARING, SharingConsentRejected.class),
    SHARING_CONSENT_REVOKED("sharing:consent:revoked", Topic.SHARING, SharingConsentRevoked.class),
    SHARING_CONSENT_EXPIRED("sharing:consent:expired", Topic.SHARING, SharingConsentExpired.class),
    SHARING_CONSENT_EXTENDED("sharing:consent:extended", Topic.SHARING, SharingConsentExtended.class),
    SHARING_CONSENT_EXPIRING("sharing:consent:expiring", Topic.SHARING, SharingConsentExpiring.class),
    SHARING_RESOURCE_SHARED("sharing:resource:shared", Topic.SHARING, SharingResourceShared.class),
    SHARING_RESOURCE_MULTIPLE_APPROVAL("sharing:resource:multiple-approval", Topic.SHARING,
            SharingResourceMultipleApproval.class),
    SHARING_RESOURCE_PENDING("sharing:resource:pending", Topic.SHARING, SharingResourcePending.class),
    SHARING_RESOURCE_STATUS_CHANGED("sharing:resource:status:changed", Topic.SHARING,
            SharingResourceStatusChanged.class),

    // Collection of shared data: on the sharing consent id
    COLLECTION_STARTED("collection:started", Topic.COLLECTION, CollectionStarted.class),
    COLLECTION_FINISHED("collection:finished", Topic.COLLECTION, CollectionFinished.class),
    COLLECTION_FAILED("collection:failed", Topic.COLLECTION, CollectionFailed.class),
    COLLECTION_TRANSACTIONS_AVAILABLE("collection:transactions:available", Topic.COLLECTION,
            CollectionTransactionsAvailable.class),
    COLLECTION_BUDGET_LOW("collection:budget:low", Topic.COLLECTION, CollectionBudgetLow.class),
    COLLECTION_DATA_DELETED("collection:data:deleted", Topic.COLLECTION, CollectionDataDeleted.class),

    // Certificates
    CERTIFICATE_EXPIRING("certificate:expiring", Topic.CERTIFICATE, CertificateExpiring.class),

    // Webhook operations
    WEBHOOK_TEST("webhook:test", Topic.WEBHOOK, WebhookTest.class),
    WEBHOOK_ENDPOINT_DISABLED("webhook:endpoint:disabled", Topic.WEBHOOK, WebhookEndpointDisabled.class),
    WEBHOOK_MESSAGE_FAILED("webhook:message:failed", Topic.WEBHOOK_DEAD_LETTERS, WebhookMessageFailed.class),

    // Audit log: who did what to which resource, on audit:<resourceType>:<resourceId>
    AUDIT_RECORDED("audit:recorded", Topic.AUDIT, AuditRecorded.class);

    public static final int CURRENT_VERSION = 1;

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));
    private static final Map<Class<?>, EventType> BY_DATA_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::dataType, Function.identity()));

    private final String wireName;
    private final Topic topic;
    private final Class<? extends EventData> dataType;

    EventType(String wireName, Topic topic, Class<? extends EventData> dataType) {
        this.wireName = wireName;
        this.topic = topic;
        this.dataType = dataType;
    }

    /** The name on the wire, e.g. {@code consent:approved}. */
    public String wireName() {
        return wireName;
    }

    public Topic topic() {
        return topic;
    }

    public Class<? extends EventData> dataType() {
        return dataType;
    }

    public int version() {
        return CURRENT_VERSION;
    }

    /** File-system friendly name of the type, used for schema and sample files: {@code consent.approved}. */
    public String fileName() {
        return wireName.replace(':', '.');
    }

    /** The envelope's {@code dataschema}: identifies the JSON Schema of {@code data} for this type and version. */
    public String dataschema() {
        return "urn:ponte:events:" + wireName + ":v" + version();
    }

    /** Classpath location of the JSON Schema of {@code data}. */
    public String schemaResource() {
        return "/schemas/v" + version() + "/" + fileName() + ".json";
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return wireName == null ? Optional.empty() : Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    public static EventType of(EventData data) {
        EventType type = BY_DATA_TYPE.get(data.getClass());
        if (type == null) {
            throw new IllegalArgumentException("No event type for " + data.getClass().getName());
        }
        return type;
    }
}
