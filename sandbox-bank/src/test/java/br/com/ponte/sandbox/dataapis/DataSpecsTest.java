package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.brand.ApiFamily;
import br.com.ponte.sandbox.brand.Brand;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data APIs' operations against their documents: every schema an operation names is in its spec (so a
 * broken copy of a document fails the build, not a call), every key is unique, and every data API a brand
 * lists has its operations and its document.
 */
class DataSpecsTest {

    private final DataSpecs specs = new DataSpecs("https://localhost:8443");

    @Test
    void everyOperationsSchemaIsInItsSpec() {
        for (DataOperation operation : DataOperation.values()) {
            assertThat(specs.document(operation.family()).schema(operation.schema())).as(operation.name()).isNotNull();
        }
    }

    @Test
    void everyDataApiOfTheDirectoryHasItsDocumentAndOperations() {
        Set<ApiFamily> served = EnumSet.noneOf(ApiFamily.class);
        Arrays.stream(DataOperation.values()).forEach(operation -> served.add(operation.family()));
        Set<ApiFamily> listed = EnumSet.noneOf(ApiFamily.class);
        for (Brand brand : Brand.values()) {
            brand.apis().stream().filter(api -> api.version() == 2).forEach(listed::add);
        }

        assertThat(served).isEqualTo(listed).isEqualTo(DataSpecs.SPECS.keySet());
        assertThat(Arrays.stream(DataOperation.values()).map(DataOperation::key).distinct())
                .hasSize(DataOperation.values().length);
    }

    @Test
    void theCreditOperationsAnswersCarryTheirVersion() {
        assertThat(DataSpecs.versionHeader(ApiFamily.LOANS)).isEqualTo("2.5.0");
        assertThat(DataSpecs.versionHeader(ApiFamily.INVOICE_FINANCINGS)).isEqualTo("2.4.0");
        assertThat(DataSpecs.versionHeader(ApiFamily.ACCOUNTS)).isNull();
    }
}
