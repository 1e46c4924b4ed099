package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.sharing.Customers;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static br.com.ponte.sandbox.dataapis.DataOperation.BUSINESS_FINANCIAL_RELATIONS;
import static br.com.ponte.sandbox.dataapis.DataOperation.BUSINESS_IDENTIFICATIONS;
import static br.com.ponte.sandbox.dataapis.DataOperation.BUSINESS_QUALIFICATIONS;
import static br.com.ponte.sandbox.dataapis.DataOperation.PERSONAL_FINANCIAL_RELATIONS;
import static br.com.ponte.sandbox.dataapis.DataOperation.PERSONAL_IDENTIFICATIONS;
import static br.com.ponte.sandbox.dataapis.DataOperation.PERSONAL_QUALIFICATIONS;
import static br.com.ponte.sandbox.fapi.Collector.assertRefused;
import static br.com.ponte.sandbox.fapi.Receiver.BUSINESS_ADDITIONAL_INFO;
import static br.com.ponte.sandbox.fapi.Receiver.BUSINESS_REGISTRATION;
import static br.com.ponte.sandbox.fapi.Receiver.PERSONAL_ADDITIONAL_INFO;
import static br.com.ponte.sandbox.fapi.Receiver.PERSONAL_REGISTRATION;
import static br.com.ponte.sandbox.fapi.Receiver.permissions;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customers 2.2.1 at both brands: a person's registration, qualification and relationship with the bank
 * under a person's consent, a company's under its representative's business consent, what each may not read,
 * and a customer without products. Every answer is checked against customers_2.2.1.yml.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class CustomersIT {

    static final String BASE = "/open-banking/customers/v2";

    @Test
    void aPersonsRegistrationQualificationAndRelationshipAtEachBrand() {
        Collector collector = Collector.of(Brand.SANDBOX, Customers.PERSON_CPF,
                permissions(PERSONAL_REGISTRATION, PERSONAL_ADDITIONAL_INFO));

        JsonNode identification = collector.ok(PERSONAL_IDENTIFICATIONS, BASE + "/personal/identifications").at("/data/0");
        assertThat(identification.at("/documents/cpfNumber").asText()).isEqualTo(Customers.PERSON_CPF);
        assertThat(identification.get("civilName").asText()).isEqualTo("Joana Exemplo");
        assertThat(identification.get("sex").asText()).isEqualTo("FEMININO");
        assertThat(identification.at("/companiesCnpj/0").asText()).isEqualTo(Brand.SANDBOX.cnpj());
        // the same every time
        assertThat(collector.ok(PERSONAL_IDENTIFICATIONS, BASE + "/personal/identifications").at("/data/0"))
                .isEqualTo(identification);
        assertThat(collector.ok(PERSONAL_QUALIFICATIONS, BASE + "/personal/qualifications").at("/data/companyCnpj")
                .asText()).isEqualTo(Brand.SANDBOX.cnpj());
        JsonNode relations = collector.ok(PERSONAL_FINANCIAL_RELATIONS, BASE + "/personal/financial-relations").get("data");
        assertThat(relations.get("productsServicesType")).extracting(JsonNode::asText)
                .containsExactly("CONTA_DEPOSITO_A_VISTA", "CONTA_POUPANCA", "CARTAO_CREDITO", "OPERACAO_CREDITO");
        assertThat(relations.get("accounts")).extracting(account -> account.get("number").asText())
                .containsExactly("00012345", "00065432");
        assertRefused(collector.get(BASE + "/business/identifications"), BUSINESS_IDENTIFICATIONS, 403, "FORBIDDEN");
        assertRefused(collector.get(BASE + "/personal/identifications?page=2"), PERSONAL_IDENTIFICATIONS, 422,
                "PARAMETRO_INVALIDO");

        Collector horizonte = Collector.of(Brand.HORIZONTE, Customers.PERSON_CPF,
                permissions(PERSONAL_REGISTRATION, PERSONAL_ADDITIONAL_INFO));
        JsonNode there = horizonte.ok(PERSONAL_IDENTIFICATIONS, BASE + "/personal/identifications").at("/data/0");
        assertThat(there.get("brandName").asText()).isEqualTo("Banco Horizonte");
        assertThat(there.get("personalId").asText()).isNotEqualTo(identification.get("personalId").asText());
        assertThat(horizonte.ok(PERSONAL_FINANCIAL_RELATIONS, BASE + "/personal/financial-relations")
                .at("/data/productsServicesType")).extracting(JsonNode::asText)
                .containsExactly("CONTA_DEPOSITO_A_VISTA", "OPERACAO_CREDITO");
    }

    @Test
    void aCompanysRegistrationUnderItsRepresentativesConsent() {
        Collector collector = Collector.ofCompany(Brand.SANDBOX, Customers.REPRESENTATIVE_CPF, Customers.COMPANY_CNPJ,
                permissions(BUSINESS_REGISTRATION, BUSINESS_ADDITIONAL_INFO));

        JsonNode identification = collector.ok(BUSINESS_IDENTIFICATIONS, BASE + "/business/identifications").at("/data/0");
        assertThat(identification.get("cnpjNumber").asText()).isEqualTo(Customers.COMPANY_CNPJ);
        assertThat(identification.get("companyName").asText()).isEqualTo("Padaria Exemplo Ltda");
        assertThat(identification.get("parties")).extracting(party -> party.get("documentNumber").asText())
                .containsExactly(Customers.REPRESENTATIVE_CPF, Customers.SECOND_APPROVER_CPF);
        collector.ok(BUSINESS_QUALIFICATIONS, BASE + "/business/qualifications");
        JsonNode relations = collector.ok(BUSINESS_FINANCIAL_RELATIONS, BASE + "/business/financial-relations").get("data");
        assertThat(relations.get("procurators")).hasSize(2);
        assertThat(relations.get("accounts")).hasSize(2);
        assertRefused(collector.get(BASE + "/personal/qualifications"), PERSONAL_QUALIFICATIONS, 403, "FORBIDDEN");
    }

    @Test
    void aCustomerWithoutProductsHasARegistrationAndNoProducts() {
        Collector collector = Collector.of(Brand.SANDBOX, Customers.NO_PRODUCTS_CPF,
                permissions(PERSONAL_REGISTRATION, PERSONAL_ADDITIONAL_INFO));

        assertThat(collector.ok(PERSONAL_IDENTIFICATIONS, BASE + "/personal/identifications")
                .at("/data/0/civilName").asText()).isEqualTo("Pedro Sem Produtos");
        JsonNode relations = collector.ok(PERSONAL_FINANCIAL_RELATIONS, BASE + "/personal/financial-relations").get("data");
        assertThat(relations.get("productsServicesType")).extracting(JsonNode::asText).containsExactly("OUTROS");
        assertThat(relations.get("accounts")).isEmpty();
    }
}
