package org.aicity.platform.embedded;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether an optional part (the job, the simulator) runs in this JVM: {@code aicity.embedded.<part>.enabled}
 * when given, otherwise yes in embedded mode and no in external mode.
 */
abstract class EmbeddedPartCondition implements Condition {

    private final String part;
    private final boolean wanted;

    EmbeddedPartCondition(String part, boolean wanted) {
        this.part = part;
        this.wanted = wanted;
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return enabled(context.getEnvironment(), part) == wanted;
    }

    static boolean enabled(Environment env, String part) {
        String explicit = env.getProperty("aicity.embedded." + part + ".enabled", "").trim();
        if (!explicit.isEmpty()) {
            return Boolean.parseBoolean(explicit);
        }
        return "embedded".equalsIgnoreCase(env.getProperty("aicity.mode", "embedded").trim());
    }

    static class Job extends EmbeddedPartCondition {
        Job() {
            super("job", true);
        }
    }

    static class JobOff extends EmbeddedPartCondition {
        JobOff() {
            super("job", false);
        }
    }

    static class Simulator extends EmbeddedPartCondition {
        Simulator() {
            super("simulator", true);
        }
    }

    static class SimulatorOff extends EmbeddedPartCondition {
        SimulatorOff() {
            super("simulator", false);
        }
    }
}
