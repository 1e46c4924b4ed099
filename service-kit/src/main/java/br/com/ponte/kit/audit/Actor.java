package br.com.ponte.kit.audit;

import java.util.Objects;

/**
 * Who performed an audited action. No personal data: an end user is named by the consent they
 * acted on, an operator not at all (the admin token is shared).
 *
 * @param id the partner id, the service's name, the consent id, the authorisation server id or the
 *           component; null for an operator
 */
public record Actor(Type type, String id) {

    public enum Type {
        /** The platform operator, with the admin token. */
        OPERATOR,
        /** A partner, with its access token. */
        PARTNER,
        /** A platform service on an internal API. */
        SERVICE,
        /** The end user, on Ponte's screens. */
        USER,
        /** The transmitting institution: noticed there. */
        BANK,
        /** A timer or worker of the service itself. */
        SYSTEM
    }

    public Actor {
        Objects.requireNonNull(type, "type");
        if (type == Type.OPERATOR ? id != null : id == null || id.isBlank()) {
            throw new IllegalArgumentException(type == Type.OPERATOR ? "An operator has no id" : type + " needs an id");
        }
    }

    public static Actor operator() {
        return new Actor(Type.OPERATOR, null);
    }

    public static Actor partner(String partnerId) {
        return new Actor(Type.PARTNER, partnerId);
    }

    public static Actor service(String serviceName) {
        return new Actor(Type.SERVICE, serviceName);
    }

    /** The end user, named by the consent they acted on. */
    public static Actor user(String consentId) {
        return new Actor(Type.USER, consentId);
    }

    /** The transmitter, by its authorisation server id. */
    public static Actor bank(String transmitter) {
        return new Actor(Type.BANK, transmitter);
    }

    public static Actor system(String component) {
        return new Actor(Type.SYSTEM, component);
    }
}
