package br.com.ponte.sandbox.sharing;

/**
 * The data-sharing APIs' paths below a brand's issuer (as {@link br.com.ponte.sandbox.brand.ApiFamily}
 * lists them for the directory).
 */
final class SharingPaths {

    static final String CONSENTS = "/open-banking/consents/v3/consents";
    static final String RESOURCES = "/open-banking/resources/v3/resources";
    /** What the consents API's calls need, but extends (a token of the user's, with openid). */
    static final String CONSENTS_SCOPE = "consents";
    static final String RESOURCES_SCOPE = "resources";
    static final String OPENID_SCOPE = "openid";

    private SharingPaths() {
    }

    static String consent(String consentId) {
        return CONSENTS + "/" + consentId;
    }

    static String extensions(String consentId) {
        return consent(consentId) + "/extensions";
    }

    static String extendsPath(String consentId) {
        return consent(consentId) + "/extends";
    }
}
