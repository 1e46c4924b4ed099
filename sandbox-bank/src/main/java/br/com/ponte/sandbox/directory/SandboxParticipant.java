package br.com.ponte.sandbox.directory;

import br.com.ponte.sandbox.brand.ApiFamily;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.config.SandboxUrls;
import br.com.ponte.sandbox.directory.Participant.ApiDiscoveryEndpoint;
import br.com.ponte.sandbox.directory.Participant.ApiResource;
import br.com.ponte.sandbox.directory.Participant.AuthorisationServer;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's brands as the directory lists them: Banco Sandbox Ponte and Banco Horizonte, each an
 * organisation with one authorisation server. The ids are fixed so that a client may keep them
 * between runs; every URL is built from {@code sandbox.base-url} and the brand's prefix.
 */
@ApplicationScoped
public class SandboxParticipant {

    // The brands' ids, as constants for the clients that keep them (Ponte's tests, devstack); Brand holds them.
    public static final String ORGANISATION_ID = Brand.SANDBOX.organisationId();
    public static final String AUTHORISATION_SERVER_ID = Brand.SANDBOX.authorisationServerId();
    public static final String NAME = Brand.SANDBOX.displayName();
    public static final String CNPJ = Brand.SANDBOX.cnpj();

    public static final String HORIZONTE_ORGANISATION_ID = Brand.HORIZONTE.organisationId();
    public static final String HORIZONTE_AUTHORISATION_SERVER_ID = Brand.HORIZONTE.authorisationServerId();
    public static final String HORIZONTE_NAME = Brand.HORIZONTE.displayName();
    public static final String HORIZONTE_CNPJ = Brand.HORIZONTE.cnpj();

    public static final String PAYMENTS_CONSENTS = ApiFamily.PAYMENTS_CONSENTS.familyType();
    public static final String PAYMENTS_PIX = ApiFamily.PAYMENTS_PIX.familyType();

    /** The directory's {@code ApiResourceId} and {@code ApiDiscoveryId} of each API of each brand. */
    private record ApiIds(String resourceId, String discoveryId) {
    }

    private static final Map<Brand, Map<ApiFamily, ApiIds>> API_IDS = Map.of(
            Brand.SANDBOX, Map.ofEntries(
                    Map.entry(ApiFamily.PAYMENTS_CONSENTS, new ApiIds("f7f3927a-9449-4056-9d87-a5b77af1dc86", "dd19cb47-fe61-4f50-95de-82672f52ef5f")),
                    Map.entry(ApiFamily.PAYMENTS_PIX, new ApiIds("e257f389-d045-4764-b89e-735ab0f93789", "0ee50616-919c-4f86-b4e4-b26faffd5321")),
                    Map.entry(ApiFamily.CONSENTS, new ApiIds("ab28d0fa-66b4-406b-a9e4-493a24d8cd77", "f934f9d1-b3db-4cd3-81d2-ebc635b2a8a4")),
                    Map.entry(ApiFamily.RESOURCES, new ApiIds("42f057e6-4974-4f83-b5ff-2be862d4208e", "1b8a4ea5-1244-45c4-b1d0-4cc06a74001e")),
                    Map.entry(ApiFamily.CUSTOMERS, new ApiIds("b28ce428-7005-411c-ac8e-fbc9fdb59f05", "72acac83-8014-46aa-ac76-0757f9983336")),
                    Map.entry(ApiFamily.ACCOUNTS, new ApiIds("047a298f-c170-4215-bf1c-83f0bf334273", "320dbe9f-ec6c-452f-9475-4bdb932bcc3d")),
                    Map.entry(ApiFamily.CREDIT_CARDS_ACCOUNTS, new ApiIds("631a36b3-52c8-44f2-abc8-52e88c290bb9", "0a090e27-9268-406a-932e-98c2eabb416d")),
                    Map.entry(ApiFamily.LOANS, new ApiIds("277a4c4e-82e8-48c0-aaf0-13bb4ca70d1f", "61c980e1-991b-45df-a0e9-f206a3e357f3")),
                    Map.entry(ApiFamily.FINANCINGS, new ApiIds("1425ea33-8ace-4cee-ba44-0a99b0ef3467", "6d782fac-19ea-447e-bbaf-79c7a6b0a6a7")),
                    Map.entry(ApiFamily.INVOICE_FINANCINGS, new ApiIds("b425081c-7f7e-4a97-a3d0-90f1373643de", "03b6be92-64c8-4bba-8003-b44e27dc696a")),
                    Map.entry(ApiFamily.UNARRANGED_ACCOUNTS_OVERDRAFT, new ApiIds("70d16cf8-a69a-4d41-b0c5-636fa4c63441", "c7ba8068-501f-4d84-9bcc-bf2b48b66367"))),
            Brand.HORIZONTE, Map.ofEntries(
                    Map.entry(ApiFamily.CONSENTS, new ApiIds("93639892-0656-45b1-8bf4-88ad4b047000", "c07dc5c9-c826-4d0f-a0fd-c085f4ffb0d0")),
                    Map.entry(ApiFamily.RESOURCES, new ApiIds("641fb211-4613-456d-ade2-ee30ea2ec016", "e20e4744-6169-4855-acf0-fae8dacedb69")),
                    Map.entry(ApiFamily.CUSTOMERS, new ApiIds("322a1efc-f94f-4620-b8f1-a6106e7d1413", "e3f8cea1-efe0-40ea-991d-14459edfe2ed")),
                    Map.entry(ApiFamily.ACCOUNTS, new ApiIds("1d794d52-f83f-4b98-9fd6-25d15666a9ea", "4bc8f231-3806-4ab1-9e22-cf68bad9054e")),
                    Map.entry(ApiFamily.LOANS, new ApiIds("aa79d047-3864-4e43-9119-08c4f27fac9d", "7c3a8e6b-6fc3-4f78-80d7-1745ded8d8ba")),
                    Map.entry(ApiFamily.FINANCINGS, new ApiIds("9f5864f3-e93f-432f-9f1e-300ded62223d", "0282eaf2-dba4-448d-8732-ec045dcd8c8c")),
                    Map.entry(ApiFamily.INVOICE_FINANCINGS, new ApiIds("2a17b6ee-ecb3-4d1f-840b-1f612f177af0", "813d9742-3b1a-4042-91b9-8561573d9f04")),
                    Map.entry(ApiFamily.UNARRANGED_ACCOUNTS_OVERDRAFT, new ApiIds("9a89f9b0-eab7-4e55-a42b-b7ce1a53db6f", "70e729a2-ac33-488c-905a-80e01b53e96f"))));

    private final SandboxUrls urls;

    public SandboxParticipant(SandboxUrls urls) {
        this.urls = urls;
    }

    /** Every brand, Banco Sandbox Ponte first. */
    public List<Participant> participants() {
        return Arrays.stream(Brand.values()).map(this::participant).toList();
    }

    public Participant participant(Brand brand) {
        String base = urls.issuer(brand);
        AuthorisationServer server = new AuthorisationServer(
                brand.authorisationServerId(),
                brand.organisationId(),
                true,
                brand.displayName(),
                brand.description(),
                base + "/static/logo.svg",
                base + "/.well-known/openid-configuration",
                brand.apis().stream().map(api -> {
                    ApiIds ids = API_IDS.get(brand).get(api);
                    return new ApiResource(ids.resourceId(), api.familyType(), BigDecimal.valueOf(api.version()),
                            List.of(new ApiDiscoveryEndpoint(ids.discoveryId(), base + api.endpointPath())));
                }).toList());
        return new Participant(brand.organisationId(), "Active", brand.displayName(), brand.displayName(), "BR",
                "Cadastro Nacional da Pessoa Jurídica", brand.cnpj(), List.of(server));
    }
}
