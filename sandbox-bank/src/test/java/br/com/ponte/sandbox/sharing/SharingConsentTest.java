package br.com.ponte.sandbox.sharing;

import br.com.ponte.sandbox.sharing.Rejection.Reason;
import br.com.ponte.sandbox.sharing.Rejection.RejectedBy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A data-sharing consent's clocks and decisions, as the consent itself guards them. */
class SharingConsentTest {

    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
    private static final Duration TO_AUTHORISE = Duration.ofMinutes(60);
    private static final Duration TO_APPROVE = Duration.ofDays(15);
    private static final SharedResource ACCOUNT = new SharedResource("acc-1", ResourceType.ACCOUNT,
            ResourceStatus.AVAILABLE, false);
    private static final SharedResource COMPANY_ACCOUNT = new SharedResource("acc-2", ResourceType.ACCOUNT,
            ResourceStatus.PENDING_AUTHORISATION, true);

    @Test
    void notDecidedInTimeItIsRejectedByTheBankAtItsDeadline() {
        SharingConsent consent = consent(null);

        assertThat(consent.at(NOW.plus(TO_AUTHORISE).minusSeconds(1))).isEqualTo(consent);
        SharingConsent expired = consent.at(NOW.plus(TO_AUTHORISE).plusSeconds(30));
        assertThat(expired.status()).isEqualTo(SharingConsentStatus.REJECTED);
        assertThat(expired.rejection().rejectedBy()).isEqualTo(RejectedBy.ASPSP);
        assertThat(expired.rejection().reason()).isEqualTo(Reason.CONSENT_EXPIRED);
        assertThat(expired.statusUpdateDateTime()).isEqualTo(NOW.plus(TO_AUTHORISE));
    }

    @Test
    void anAuthorisedConsentEndsAtItsExpiryAndAnIndefiniteOneDoesNot() {
        Instant expiry = NOW.plus(Duration.ofDays(30));
        SharingConsent dated = consent(expiry).authorise(List.of(ACCOUNT), NOW, TO_APPROVE);
        SharingConsent indefinite = consent(null).authorise(List.of(ACCOUNT), NOW, TO_APPROVE);

        SharingConsent ended = dated.at(expiry);
        assertThat(ended.status()).isEqualTo(SharingConsentStatus.REJECTED);
        assertThat(ended.rejection().reason()).isEqualTo(Reason.CONSENT_MAX_DATE_REACHED);
        assertThat(ended.rejection().rejectedBy()).isEqualTo(RejectedBy.ASPSP);
        assertThat(indefinite.at(NOW.plus(Duration.ofDays(3650))).status()).isEqualTo(SharingConsentStatus.AUTHORISED);
    }

    @Test
    void deletedByTheReceivingInstitutionItIsRejectedOrRevokedByTheUser() {
        assertThat(consent(null).deleteByClient(NOW).rejection().reason()).isEqualTo(Reason.CUSTOMER_MANUALLY_REJECTED);
        SharingConsent revoked = consent(null).authorise(List.of(ACCOUNT), NOW, TO_APPROVE).deleteByClient(NOW);
        assertThat(revoked.rejection().rejectedBy()).isEqualTo(RejectedBy.USER);
        assertThat(revoked.rejection().reason()).isEqualTo(Reason.CUSTOMER_MANUALLY_REVOKED);
        assertThatThrownBy(() -> revoked.deleteByClient(NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pendingResourcesWaitForTheSecondApproverUntilTheWindowEnds() {
        SharingConsent consent = consent(null).authorise(List.of(ACCOUNT, COMPANY_ACCOUNT), NOW, TO_APPROVE);
        assertThat(consent.approvalDeadline()).isEqualTo(NOW.plus(TO_APPROVE));
        assertThat(consent.dependsOnMultipleApproval()).isTrue();

        SharingConsent approved = consent.decidePending(resource -> resource.withStatus(ResourceStatus.AVAILABLE));
        assertThat(approved.resources()).extracting(SharedResource::status)
                .containsExactly(ResourceStatus.AVAILABLE, ResourceStatus.AVAILABLE);
        assertThat(approved.approvalDeadline()).isNull();

        SharingConsent lapsed = consent.at(NOW.plus(TO_APPROVE));
        assertThat(lapsed.resources()).extracting(SharedResource::status)
                .containsExactly(ResourceStatus.AVAILABLE, ResourceStatus.UNAVAILABLE);
        assertThat(lapsed.status()).isEqualTo(SharingConsentStatus.AUTHORISED);
        assertThat(lapsed.dependsOnMultipleApproval()).isTrue();
    }

    @Test
    void theBanksProductChangesMoveSharedResourcesButNotPendingOrClosedOnes() {
        SharingConsent consent = consent(null).authorise(List.of(ACCOUNT, COMPANY_ACCOUNT), NOW, TO_APPROVE);

        SharingConsent blocked = consent.productChanged("acc-1", ResourceStatus.TEMPORARILY_UNAVAILABLE)
                .productChanged("acc-2", ResourceStatus.TEMPORARILY_UNAVAILABLE);
        assertThat(blocked.resources()).extracting(SharedResource::status)
                .containsExactly(ResourceStatus.TEMPORARILY_UNAVAILABLE, ResourceStatus.PENDING_AUTHORISATION);
        SharingConsent closed = blocked.productChanged("acc-1", ResourceStatus.UNAVAILABLE);
        assertThat(closed.productChanged("acc-1", ResourceStatus.AVAILABLE).resources().get(0).status())
                .isEqualTo(ResourceStatus.UNAVAILABLE);
    }

    @Test
    void aRenewalMovesTheExpiryAndIsKeptInTheHistory() {
        Instant expiry = NOW.plus(Duration.ofDays(30));
        SharingConsent consent = consent(expiry).authorise(List.of(ACCOUNT), NOW, TO_APPROVE);
        ConsentExtension extension = new ConsentExtension(NOW, null, expiry, "76109277673", "10.0.0.1", "Mozilla/5.0");

        SharingConsent renewed = consent.extend(null, extension);

        assertThat(renewed.expirationDateTime()).isNull();
        assertThat(renewed.extensions()).containsExactly(extension);
        assertThatThrownBy(() -> consent(expiry).extend(null, extension)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void expiredNowByTheDevelopmentControlItReachedItsMaximumDate() {
        SharingConsent expired = consent(null).authorise(List.of(ACCOUNT), NOW, TO_APPROVE).expireNow(NOW.plusSeconds(5));

        assertThat(expired.expirationDateTime()).isEqualTo(NOW.plusSeconds(5));
        assertThat(expired.rejection().reason()).isEqualTo(Reason.CONSENT_MAX_DATE_REACHED);
    }

    private static SharingConsent consent(Instant expiry) {
        return SharingConsent.create("urn:bancosandbox:c1", "client", "76109277673", null,
                List.of(Permission.ACCOUNTS_READ, Permission.ACCOUNTS_BALANCES_READ, Permission.RESOURCES_READ), expiry,
                NOW, TO_AUTHORISE);
    }
}
