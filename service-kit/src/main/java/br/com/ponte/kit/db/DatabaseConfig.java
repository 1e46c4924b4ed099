package br.com.ponte.kit.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where a service's own PostgreSQL database is. The datasource URLs in each service's
 * {@code application.properties} are built from these, and the outbox relay connects with them too,
 * so one set of variables ({@code PONTE_DB_HOST}, {@code PONTE_DB_PORT}, ...) moves a service to an
 * external database.
 */
@ConfigMapping(prefix = "ponte.db")
public interface DatabaseConfig {

    @WithDefault("localhost")
    String host();

    @WithDefault("55432")
    int port();

    String name();

    @WithDefault("postgres")
    String user();

    @WithDefault("postgres")
    String password();

    default String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + name();
    }
}
