package org.aicity.platform.embedded;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Fails the start at once, with what to set, when the run mode and the configured services do
 * not fit together. Registered in {@code META-INF/spring.factories}.
 */
class RunModeCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        String mode = env.getProperty("aicity.mode", "embedded").trim();
        if (!mode.equalsIgnoreCase("embedded") && !mode.equalsIgnoreCase("external")) {
            throw new IllegalStateException("aicity.mode (env AICITY_MODE) is '" + mode + "'; it must be embedded or external");
        }
        if (mode.equalsIgnoreCase("external") && env.getProperty("spring.datasource.url", "").isBlank()) {
            throw new IllegalStateException("aicity.mode=external needs a database: set DATABASE_URL (spring.datasource.url), "
                + "e.g. jdbc:postgresql://db:5432/aicity, with DATABASE_USER and DATABASE_PASSWORD; "
                + "or use AICITY_MODE=embedded to start one in this JVM");
        }
    }
}
