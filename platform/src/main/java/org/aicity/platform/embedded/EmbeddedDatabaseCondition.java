package org.aicity.platform.embedded;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Embedded mode and no {@code spring.datasource.url} (env DATABASE_URL): this JVM runs the database. */
class EmbeddedDatabaseCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment env = context.getEnvironment();
        boolean embeddedMode = "embedded".equalsIgnoreCase(env.getProperty("aicity.mode", "embedded").trim());
        String url = env.getProperty("spring.datasource.url", "");
        return embeddedMode && url.isBlank();
    }
}
