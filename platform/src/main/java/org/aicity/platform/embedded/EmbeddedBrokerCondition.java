package org.aicity.platform.embedded;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Embedded mode and no {@code aicity.mqtt.url} (env MQTT_URL): this JVM runs the broker. */
class EmbeddedBrokerCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment env = context.getEnvironment();
        boolean embeddedMode = "embedded".equalsIgnoreCase(env.getProperty("aicity.mode", "embedded").trim());
        return embeddedMode && env.getProperty("aicity.mqtt.url", "").isBlank();
    }
}
