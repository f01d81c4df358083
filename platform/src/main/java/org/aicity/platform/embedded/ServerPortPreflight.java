package org.aicity.platform.embedded;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks, before anything starts, that the HTTP port is free, so a taken port fails in a second
 * with a message that says what to set, not after the embedded services have started.
 * Registered by {@code main} only.
 */
public class ServerPortPreflight implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        int port = env.getProperty("server.port", Integer.class, 8080);
        if (port > 0 && !FreePorts.isFree(port)) {
            throw new HttpPortInUseException(port);
        }
    }
}
