package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.books.Contract;
import br.com.ponte.sandbox.books.Contract.Release;
import br.com.ponte.sandbox.brand.ApiFamily;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.resource.WireFormat;
import br.com.ponte.sandbox.sharing.Customers.ContractTerms;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Credit operations' contracts, warranties, instalments and payments as loans 2.5.0, financings 2.4.0,
 * invoice financings 2.4.0 and unarranged accounts overdraft 2.5.0 have them: the same shape but for
 * each one's {@code productType} and a few fields of the loans' (the subtype category, the next instalment,
 * the outstanding balance's update and the total remaining that personal credit must share).
 */
final class ContractViews {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<ApiFamily, String> PRODUCT_TYPES = Map.of(ApiFamily.LOANS, "EMPRESTIMOS",
            ApiFamily.FINANCINGS, "FINANCIAMENTOS", ApiFamily.INVOICE_FINANCINGS, "DIREITOS_CREDITORIOS_DESCONTADOS",
            ApiFamily.UNARRANGED_ACCOUNTS_OVERDRAFT, "ADIANTAMENTO_A_DEPOSITANTES");

    private ContractViews() {
    }

    /** An item of the contracts list. */
    static ObjectNode listed(ApiFamily family, Brand brand, Contract contract) {
        ObjectNode data = NODES.objectNode().put("contractId", contract.product().resourceId())
                .put("brandName", brand.displayName()).put("companyCnpj", brand.cnpj());
        product(family, contract, data);
        return data.put("ipocCode", contract.ipocCode());
    }

    /** The contract. */
    static ObjectNode contract(ApiFamily family, Contract contract, LocalDate today) {
        ObjectNode data = NODES.objectNode().put("contractNumber", contract.contractNumber())
                .put("ipocCode", contract.ipocCode()).put("productName", contract.product().description());
        product(family, contract, data);
        boolean single = contract.instalments() == 1;
        data.put("contractDate", contract.contractDate().toString());
        data.putArray("disbursementDates").add(contract.contractDate().toString());
        data.put("settlementDate", contract.finalDueDate().toString())
                .put("contractAmount", Amounts.amount(contract.amountCents())).put("currency", Amounts.BRL)
                .put("dueDate", contract.finalDueDate().toString())
                .put("instalmentPeriodicity", single ? "SEM_PERIODICIDADE_REGULAR" : "MENSAL")
                .put("firstInstalmentDueDate", contract.firstDueDate().toString())
                .put("CET", Amounts.rate(contract.totalEffectiveCost()))
                .put("hasInsuranceContracted", false)
                .put("amortizationScheduled", single ? "SEM_SISTEMA_AMORTIZACAO" : "PRICE");
        data.putArray("interestRates").addObject().put("taxType", "EFETIVA").put("interestRateType", "COMPOSTO")
                .put("taxPeriodicity", "AA").put("calculation", "30/360").put("referentialRateIndexerType", "PRE_FIXADO")
                .put("referentialRateIndexerSubType", "PRE_FIXADO").put("preFixedRate", Amounts.rate(contract.yearlyRate()));
        ArrayNode fees = data.putArray("contractedFees");
        if (contract.feeCents() > 0) {
            fees.addObject().put("feeName", "Tarifa de cadastro").put("feeCode", "CADASTRO").put("feeChargeType", "UNICA")
                    .put("feeCharge", "FIXO").put("feeAmount", Amounts.amount(contract.feeCents()));
        }
        ArrayNode charges = data.putArray("contractedFinanceCharges");
        charges.addObject().put("chargeType", "MULTA_ATRASO_PAGAMENTO").put("chargeRate", Amounts.rate(0.02));
        charges.addObject().put("chargeType", "JUROS_MORA_ATRASO").put("chargeRate", Amounts.rate(0.01));
        int paid = contract.paid(today);
        if (family == ApiFamily.LOANS && paid < contract.instalments()) {
            data.put("nextInstalmentAmount", Amounts.amount(contract.instalmentCents()));
        }
        return data;
    }

    /** The contract's warranties: one. */
    static List<ObjectNode> warranties(Contract contract) {
        return List.of(NODES.objectNode().put("currency", Amounts.BRL).put("warrantyType", contract.warranty().type())
                .put("warrantySubType", contract.warranty().subType())
                .put("warrantyAmount", Amounts.amount(contract.warranty().cents())));
    }

    /** The instalments: how many, how many paid, due and past due on {@code today}. */
    static ObjectNode instalments(Contract contract, LocalDate today) {
        int paid = contract.paid(today);
        return NODES.objectNode().put("typeNumberOfInstalments", "MES")
                .put("totalNumberOfInstalments", contract.instalments()).put("typeContractRemaining", "MES")
                .put("contractRemainingNumber", contract.instalments() - paid).put("paidInstalments", paid)
                .put("dueInstalments", contract.instalments() - paid).put("pastDueInstalments", contract.pastDue(today));
    }

    /** The payments made by {@code today}: one per instalment paid, a late one's fine and interest paid apart. */
    static ObjectNode payments(ApiFamily family, Contract contract, LocalDate today, Instant now) {
        int paid = contract.paid(today);
        ObjectNode data = NODES.objectNode().put("paidInstalments", paid)
                .put("contractOutstandingBalance", Amounts.amount(contract.outstandingCents(paid)));
        if (family == ApiFamily.LOANS) {
            data.put("lastUpdatedContractOutstandingBalance", WireFormat.dateTimeMillis(now))
                    .put("totalRemainingAmount", Amounts.amount(contract.instalmentCents() * (contract.instalments() - paid)));
        }
        ArrayNode releases = data.putArray("releases");
        for (Release release : contract.releases(today)) {
            ObjectNode item = releases.addObject().put("paymentId", release.paymentId()).put("isOverParcelPayment", false)
                    .put("instalmentId", release.instalmentId()).put("paidDate", release.paidDate().toString())
                    .put("currency", Amounts.BRL).put("paidAmount", Amounts.amount(release.cents()));
            if (release.lateFineCents() > 0) {
                ObjectNode overParcel = item.putObject("overParcel");
                overParcel.putArray("fees");
                ArrayNode charges = overParcel.putArray("charges");
                charges.addObject().put("chargeType", "MULTA_ATRASO_PAGAMENTO")
                        .put("chargeAmount", Amounts.amount(release.lateFineCents()));
                charges.addObject().put("chargeType", "JUROS_MORA_ATRASO")
                        .put("chargeAmount", Amounts.amount(release.lateInterestCents()));
            }
        }
        return data;
    }

    private static void product(ApiFamily family, Contract contract, ObjectNode data) {
        String subType = ((ContractTerms) contract.product().terms()).productSubType();
        data.put("productType", PRODUCT_TYPES.get(family)).put("productSubType", subType);
        if (family == ApiFamily.LOANS) {
            data.put("productSubTypeCategory", subType.equals("CREDITO_PESSOAL_SEM_CONSIGNACAO") ? "CREDITO_PESSOAL_CLEAN"
                    : "OUTRO");
        }
    }
}
