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
            Brand.SANDBOX, Map.of(
                    ApiFamily.PAYMENTS_CONSENTS, new ApiIds("f7f3927a-9449-4056-9d87-a5b77af1dc86",
                            "dd19cb47-fe61-4f50-95de-82672f52ef5f"),
                    ApiFamily.PAYMENTS_PIX, new ApiIds("e257f389-d045-4764-b89e-735ab0f93789",
                            "0ee50616-919c-4f86-b4e4-b26faffd5321"),
                    ApiFamily.CONSENTS, new ApiIds("ab28d0fa-66b4-406b-a9e4-493a24d8cd77",
                            "f934f9d1-b3db-4cd3-81d2-ebc635b2a8a4"),
                    ApiFamily.RESOURCES, new ApiIds("42f057e6-4974-4f83-b5ff-2be862d4208e",
                            "1b8a4ea5-1244-45c4-b1d0-4cc06a74001e")),
            Brand.HORIZONTE, Map.of(
                    ApiFamily.CONSENTS, new ApiIds("93639892-0656-45b1-8bf4-88ad4b047000",
                            "c07dc5c9-c826-4d0f-a0fd-c085f4ffb0d0"),
                    ApiFamily.RESOURCES, new ApiIds("641fb211-4613-456d-ade2-ee30ea2ec016",
                            "e20e4744-6169-4855-acf0-fae8dacedb69")));

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
