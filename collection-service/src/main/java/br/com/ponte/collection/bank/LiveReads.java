package br.com.ponte.collection.bank;

import br.com.ponte.collection.budget.Budgets;
import br.com.ponte.collection.domain.CollectedConsent;
import br.com.ponte.collection.domain.CollectionTask;
import br.com.ponte.collection.domain.Collections;
import br.com.ponte.collection.domain.Operation;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.internal.ConsentGrants;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A partner's live read ({@code live=true}): the operation at the bank now, every page, counted in
 * the budget with the reserve kept for it; stored like a collection (so cached reads and the change
 * feed see it too). Refused with 429 {@code LIMITE_OPERACIONAL_ATINGIDO} when even the reserve is
 * spent: cached reads go on.
 */
@ApplicationScoped
public class LiveReads {

    private final ConsentGrants grants;
    private final Collector collector;
    private final Collections collections;

    public LiveReads(ConsentGrants grants, Collector collector, Collections collections) {
        this.grants = grants;
        this.collector = collector;
        this.collections = collections;
    }

    public Uni<JsonNode> read(CollectedConsent consent, Operation op, String resourceId, String billId, Map<String, String> dates) {
        return grants.grant(consent.id.toString())
                .onFailure(ConsentGrants::unusable).transform(e -> ApiException.unprocessable("CONSENTIMENTO_INVALIDO",
                        "The consent cannot be read at the bank now: " + e.getMessage()))
                .chain(grant -> collector.read(consent, grant.accessToken(), op, resourceId, billId, dates, Budgets.Purpose.LIVE))
                .onFailure(Collector.Stop.class).transform(e -> {
                    Collector.Stop stop = (Collector.Stop) e;
                    return switch (stop.kind) {
                        case BUDGET -> new ApiException(429, "LIMITE_OPERACIONAL_ATINGIDO", "Limite operacional atingido",
                                stop.getMessage() + "; cached reads (without live=true) go on");
                        case RETRY -> new ApiException("TRANSMITTER_RATE_LIMITED".equals(stop.code) ? 429 : 502,
                                "ERRO_TRANSMISSORA", "Erro na instituição transmissora", stop.getMessage());
                        case FAIL -> new ApiException(502, "ERRO_TRANSMISSORA", "Erro na instituição transmissora", stop.getMessage());
                    };
                })
                .call(read -> {
                    boolean transactionList = op.readsTransactions() && op != Operation.CREDIT_CARD_BILL_TRANSACTIONS;
                    List<JsonNode> items = new ArrayList<>();
                    if (op.readsTransactions()) {
                        read.data().forEach(items::add);
                    }
                    String resource = resourceId == null ? CollectionTask.WHOLE_CONSENT : resourceId;
                    return collections.storeLive(consent, transactionList ? null
                                    : new Collections.Answer(op, resource, billId, read.data()), resource, op.resourceType(), items);
                })
                .map(Collector.Read::data);
    }
}
