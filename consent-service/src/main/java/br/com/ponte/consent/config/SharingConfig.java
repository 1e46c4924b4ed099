package br.com.ponte.consent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Data sharing: sessions, following consents at the banks, notices. Every key has an env override. */
@ConfigMapping(prefix = "ponte.sharing")
public interface SharingConfig {

    /** How long a session's screens serve the user (PONTE_SHARING_SESSION_WINDOW). */
    @WithDefault("60m")
    Duration sessionWindow();

    /** How often due consents are read at the banks and deadlines checked; a change is noticed at most this late after its read. */
    @WithDefault("2s")
    Duration checkEvery();

    /**
     * How often an authorised consent is read at its bank, to notice a revocation or an expiry there
     * and resources changing status (PONTE_SHARING_STATUS_CHECK_INTERVAL).
     */
    @WithDefault("15m")
    Duration statusCheckInterval();

    /** The first wait between two reads while resources wait for more approvers; doubled each time. */
    @WithDefault("5s")
    Duration pendingCheckMin();

    /** The longest wait between two reads while resources wait for more approvers. */
    @WithDefault("1h")
    Duration pendingCheckMax();

    /** How long the other holders have to approve a resource (the experience guide's 15 calendar days). */
    @WithDefault("15d")
    Duration multipleApprovalWindow();

    /** How long before its term a consent is announced as expiring (sharing:consent:expiring). */
    @WithDefault("7d")
    Duration expiringLeadTime();

    /** How long a link to the user's dashboard can be opened (PONTE_SHARING_DASHBOARD_LINK_LIFETIME). */
    @WithDefault("15m")
    Duration dashboardLinkLifetime();

    /** How long the user's dashboard stays open once the link was followed (PONTE_SHARING_DASHBOARD_SESSION_LIFETIME). */
    @WithDefault("30m")
    Duration dashboardSessionLifetime();

    /** How often expired dashboard sessions and links are deleted. */
    @WithDefault("1h")
    Duration dashboardPurgeEvery();
}
