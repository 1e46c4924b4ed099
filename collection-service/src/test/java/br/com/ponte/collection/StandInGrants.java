package br.com.ponte.collection;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.internal.ConsentGrants;
import com.fasterxml.jackson.databind.node.NullNode;
import io.quarkus.test.Mock;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * consent-service's grant API for this module's tests: every consent is AUTHORISED with a user's
 * token, except those a test marks unusable (409 there: 422 CONSENTIMENTO_INVALIDO here).
 */
@Mock
@Singleton
public class StandInGrants extends ConsentGrants {

    public final Set<String> unusable = ConcurrentHashMap.newKeySet();

    public StandInGrants() {
        super();
    }

    @Override
    public Uni<ConsentGrant> grant(String consentId) {
        if (unusable.contains(consentId)) {
            return Uni.createFrom().failure(ApiException.unprocessable("CONSENTIMENTO_INVALIDO", "The consent is REVOKED, not AUTHORISED"));
        }
        return Uni.createFrom().item(new ConsentGrant(consentId, "SHARING", "partner", "bank", "urn:bank:" + consentId,
                "AUTHORISED", null, "user-token-" + consentId, NullNode.getInstance(), null));
    }
}
