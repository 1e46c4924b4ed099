package br.com.ponte.sandbox.sharing;

/**
 * A resource a consent shares: the product's stable id (its {@code accountId} and the like), its
 * type, its status in this consent, and whether it needed more than one approver ("múltipla alçada").
 */
public record SharedResource(String resourceId, ResourceType type, ResourceStatus status, boolean multipleApproval) {

    SharedResource withStatus(ResourceStatus next) {
        if (!status.canBecome(next)) {
            throw new IllegalStateException("Resource " + resourceId + " cannot go from " + status + " to " + next);
        }
        return new SharedResource(resourceId, type, next, multipleApproval);
    }

    boolean pending() {
        return status == ResourceStatus.PENDING_AUTHORISATION;
    }
}
