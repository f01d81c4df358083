package org.aicity.platform;

import org.aicity.testkit.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL for every API test class of this JVM (testkit picks a container or an
 * embedded server), with the platform in external mode pointing at it and nothing else started.
 * Flyway migrates it when the first context starts; the contexts share it.
 */
public final class ApiTestDatabase {

    private static TestDatabase database;

    private ApiTestDatabase() {
    }

    public static synchronized TestDatabase get() {
        if (database == null) {
            database = TestDatabase.start();
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "test-database-stop"));
        }
        return database;
    }

    /** For a {@code @DynamicPropertySource} method. */
    public static void register(DynamicPropertyRegistry registry) {
        TestDatabase db = get();
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("aicity.mode", () -> "external");
        registry.add("aicity.embedded.job.enabled", () -> "false");
        registry.add("aicity.embedded.simulator.enabled", () -> "false");
    }
}
