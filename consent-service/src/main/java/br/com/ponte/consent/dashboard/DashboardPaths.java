package br.com.ponte.consent.dashboard;

import java.util.UUID;

/** Where the dashboard's screens are, under consent-service's public URL; its cookie is scoped to {@link #ROOT}. */
final class DashboardPaths {

    static final String ROOT = "/whitelabel/dashboard";

    private DashboardPaths() {
    }

    static String link(String token) {
        return ROOT + "/links/" + token;
    }

    static String consent(UUID id) {
        return ROOT + "/consents/" + id;
    }
}
