package org.aicity.platform.embedded;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Defines the DataSource itself when the database is embedded, so Boot's DataSource (and with it
 * Flyway) points at the database this JVM started. Boot's own DataSource configuration backs off.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseCondition.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(RunProperties run) {
        RunProperties.Database db = run.embedded().database();
        int port = FreePorts.preferredOrFree("PostgreSQL", db.port(), "aicity.embedded.database.port (env AICITY_DATABASE_PORT)");
        return EmbeddedDatabase.start(new WorkDirectory(run.workDir()), port, db.keepData());
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase db) {
        return DataSourceBuilder.create()
            .type(HikariDataSource.class)
            .url(db.jdbcUrl())
            .username(db.username())
            .build();
    }
}
