package br.com.ponte.sandbox.sharing;

import br.com.ponte.sandbox.resource.Page;
import br.com.ponte.sandbox.resource.WireFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Consents, their renewals and their resources as consents v3 and resources v3 show them. */
final class SharingViews {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SharingViews() {
    }

    /** {@code ResponseConsent}'s (and {@code ResponseConsentExtensions}') {@code data}. */
    static ObjectNode consent(SharingConsent consent) {
        ObjectNode data = NODES.objectNode()
                .put("consentId", consent.consentId())
                .put("creationDateTime", WireFormat.dateTime(consent.creationDateTime()))
                .put("status", consent.status().name())
                .put("statusUpdateDateTime", WireFormat.dateTime(consent.statusUpdateDateTime()));
        ArrayNode permissions = data.putArray("permissions");
        consent.permissions().forEach(permission -> permissions.add(permission.name()));
        if (consent.expirationDateTime() != null) {
            data.put("expirationDateTime", WireFormat.dateTime(consent.expirationDateTime()));
        }
        return data;
    }

    /** {@code ResponseConsentRead}'s {@code data}: with {@code rejection} when REJECTED. */
    static ObjectNode consentRead(SharingConsent consent) {
        ObjectNode data = consent(consent);
        Rejection rejection = consent.rejection();
        if (rejection != null) {
            ObjectNode reason = data.putObject("rejection").put("rejectedBy", rejection.rejectedBy().name())
                    .putObject("reason").put("code", rejection.reason().name());
            if (rejection.additionalInformation() != null) {
                reason.put("additionalInformation", rejection.additionalInformation());
            }
        }
        return data;
    }

    /** {@code ResponseConsentReadExtensions}: the renewals, newest first, one page of them. */
    static ObjectNode extensions(SharingConsent consent, Page page, String url) {
        List<ConsentExtension> newestFirst = consent.extensions().stream()
                .sorted(Comparator.comparing(ConsentExtension::requestDateTime).reversed()).toList();
        ArrayNode data = NODES.arrayNode();
        page.of(newestFirst).forEach(extension -> {
            ObjectNode item = data.addObject();
            if (extension.expirationDateTime() != null) {
                item.put("expirationDateTime", WireFormat.dateTime(extension.expirationDateTime()));
            }
            item.putObject("loggedUser").putObject("document").put("identification", extension.loggedUserCpf())
                    .put("rel", "CPF");
            item.put("requestDateTime", WireFormat.dateTime(extension.requestDateTime()));
            if (extension.previousExpirationDateTime() != null) {
                item.put("previousExpirationDateTime", WireFormat.dateTime(extension.previousExpirationDateTime()));
            }
            item.put("xFapiCustomerIpAddress", extension.customerIpAddress());
            item.put("xCustomerUserAgent", extension.customerUserAgent());
        });
        return list(data, page, url, newestFirst.size());
    }

    /** {@code ResponseResourceList}: the consent's resources, one page of them. */
    static ObjectNode resources(SharingConsent consent, Page page, String url) {
        ArrayNode data = NODES.arrayNode();
        page.of(consent.resources()).forEach(resource -> data.addObject()
                .put("resourceId", resource.resourceId())
                .put("type", resource.type().name())
                .put("status", resource.status().name()));
        return list(data, page, url, consent.resources().size());
    }

    /** A whole answer of one object: {@code data}, {@code links.self}, {@code meta.requestDateTime}. */
    static ObjectNode answer(JsonNode data, String self) {
        ObjectNode body = NODES.objectNode();
        body.set("data", data);
        body.putObject("links").put("self", self);
        body.putObject("meta").put("requestDateTime", WireFormat.dateTime(Instant.now()));
        return body;
    }

    private static ObjectNode list(ArrayNode data, Page page, String url, int total) {
        ObjectNode body = NODES.objectNode();
        body.set("data", data);
        body.set("links", page.links(url, total));
        body.set("meta", page.meta(total));
        return body;
    }
}
