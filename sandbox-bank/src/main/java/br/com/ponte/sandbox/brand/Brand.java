package br.com.ponte.sandbox.brand;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An institution the sandbox plays, each its own authorisation server below its own path on
 * {@code sandbox.base-url}: its issuer is the base URL plus {@link #pathPrefix()}, and every URL it
 * publishes carries that prefix. Each has its own signing key, its own clients, tokens and
 * customers, and offers its own APIs. The ids are fixed so that clients may keep them between runs.
 *
 * <ul>
 *   <li>Banco Sandbox Ponte: organisation {@code 476b3013-7076-44cf-95da-3c19b582a08c}, authorisation
 *       server {@code c9427b03-c565-47ce-90f1-09841f099026}, CNPJ {@code 12345678000195}, issuer
 *       {@code <base-url>}: payments v4, consents v3, resources v3, and the data of every phase-2 product.</li>
 *   <li>Banco Horizonte: organisation {@code 797e9393-2e89-46ab-bed4-6f35d4084c21}, authorisation
 *       server {@code f406bcf0-814a-40d5-abad-59bdd38ce8b8}, CNPJ {@code 98765432000198}, COMPE {@code 991}, issuer
 *       {@code <base-url>/horizonte}: consents v3 and resources v3, registration data, accounts and credit
 *       operations; no payments, no credit cards; the hybrid flow only (no JARM).</li>
 * </ul>
 */
public enum Brand {
    SANDBOX("sandbox", "", "Banco Sandbox Ponte", "476b3013-7076-44cf-95da-3c19b582a08c",
            "c9427b03-c565-47ce-90f1-09841f099026", "12345678000195", "990", "bancosandbox", "bank-signing",
            "Instituição transmissora local para desenvolvimento, demonstrações e testes da Ponte.",
            List.of(ApiFamily.PAYMENTS_CONSENTS, ApiFamily.PAYMENTS_PIX, ApiFamily.CONSENTS, ApiFamily.RESOURCES,
                    ApiFamily.CUSTOMERS, ApiFamily.ACCOUNTS, ApiFamily.CREDIT_CARDS_ACCOUNTS, ApiFamily.LOANS,
                    ApiFamily.FINANCINGS, ApiFamily.INVOICE_FINANCINGS, ApiFamily.UNARRANGED_ACCOUNTS_OVERDRAFT), true),
    HORIZONTE("horizonte", "/horizonte", "Banco Horizonte", "797e9393-2e89-46ab-bed4-6f35d4084c21",
            "f406bcf0-814a-40d5-abad-59bdd38ce8b8", "98765432000198", "991", "bancohorizonte", "horizonte-signing",
            "Segunda instituição transmissora local, só de compartilhamento de dados, para testes da Ponte.",
            List.of(ApiFamily.CONSENTS, ApiFamily.RESOURCES, ApiFamily.CUSTOMERS, ApiFamily.ACCOUNTS, ApiFamily.LOANS,
                    ApiFamily.FINANCINGS, ApiFamily.INVOICE_FINANCINGS, ApiFamily.UNARRANGED_ACCOUNTS_OVERDRAFT), false);

    private final String key;
    private final String pathPrefix;
    private final String displayName;
    private final String organisationId;
    private final String authorisationServerId;
    private final String cnpj;
    private final String compeCode;
    private final String urnNamespace;
    private final String signingKeyName;
    private final String description;
    private final List<ApiFamily> apis;
    private final boolean jarm;

    Brand(String key, String pathPrefix, String displayName, String organisationId, String authorisationServerId,
          String cnpj, String compeCode, String urnNamespace, String signingKeyName, String description,
          List<ApiFamily> apis, boolean jarm) {
        this.key = key;
        this.pathPrefix = pathPrefix;
        this.displayName = displayName;
        this.organisationId = organisationId;
        this.authorisationServerId = authorisationServerId;
        this.cnpj = cnpj;
        this.compeCode = compeCode;
        this.urnNamespace = urnNamespace;
        this.signingKeyName = signingKeyName;
        this.description = description;
        this.apis = apis;
        this.jarm = jarm;
    }

    /**
     * Whether the brand's authorisation server offers JARM ({@code response_mode=jwt}, and so
     * {@code response_type=code}). Banco Horizonte is certified for the hybrid flow only (fapi-id3
     * 5.2.2-15 makes JARM optional) and advertises and accepts nothing else (5.2.2-19, 5.2.2-20).
     */
    public boolean jarm() {
        return jarm;
    }

    /** The brand's name in URLs of the development controls and in the state file: {@code sandbox}, {@code horizonte}. */
    public String key() {
        return key;
    }

    /** What the brand's URLs carry after {@code sandbox.base-url}: empty, or {@code /horizonte}. */
    public String pathPrefix() {
        return pathPrefix;
    }

    public String displayName() {
        return displayName;
    }

    public String organisationId() {
        return organisationId;
    }

    public String authorisationServerId() {
        return authorisationServerId;
    }

    /** A CNPJ with valid check digits; not a real bank's. */
    public String cnpj() {
        return cnpj;
    }

    /** The brand's three-digit COMPE code, its accounts' {@code compeCode} in the data APIs; not a real bank's. */
    public String compeCode() {
        return compeCode;
    }

    /** The namespace of the brand's data-sharing consent ids: {@code urn:<namespace>:<uuid>}. */
    public String urnNamespace() {
        return urnNamespace;
    }

    /** The name of the brand's signing key and certificate files in the PKI directory. */
    public String signingKeyName() {
        return signingKeyName;
    }

    public String description() {
        return description;
    }

    public List<ApiFamily> apis() {
        return apis;
    }

    public boolean offers(ApiFamily api) {
        return apis.contains(api);
    }

    /** Whether the brand offers the API that {@code path} (below its issuer) belongs to. */
    public boolean offersPath(String path) {
        return apis.stream().anyMatch(api -> path.equals(api.base()) || path.startsWith(api.base() + "/"));
    }

    /** The brand whose issuer a request path (of the whole server) falls under. */
    public static Brand ofPath(String path) {
        return Arrays.stream(values()).filter(brand -> !brand.pathPrefix.isEmpty()
                        && (path.equals(brand.pathPrefix) || path.startsWith(brand.pathPrefix + "/")))
                .findFirst().orElse(SANDBOX);
    }

    /** The brand of a development control URL ({@link #key()}). */
    public static Optional<Brand> ofKey(String key) {
        return Arrays.stream(values()).filter(brand -> brand.key.equals(key)).findFirst();
    }

    /** A table of the sandbox's state for this brand: Banco Sandbox Ponte keeps the names it always had. */
    public String table(String name) {
        return this == SANDBOX ? name : key + "." + name;
    }
}
