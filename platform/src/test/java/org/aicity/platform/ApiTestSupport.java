package org.aicity.platform;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Base of the API tests: the whole application (MockMvc, no port) on a real, migrated
 * PostgreSQL, with the clock fixed at {@link #NOW}. Every subclass shares one context; the
 * tables the stream job writes are emptied before each test.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(ApiTestSupport.FixedClock.class)
public abstract class ApiTestSupport {

    protected static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

    @Autowired
    protected MockMvcTester mvc;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ApiTestDatabase.register(registry);
    }

    @BeforeEach
    void emptyJobTables() {
        jdbc.sql("TRUNCATE reading, aggregate_1m, dead_letter, ingest_status").update();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
