package org.aicity.platform;

import org.aicity.platform.embedded.ServerPortPreflight;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PlatformApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(PlatformApplication.class);
        // Only a real launch checks the HTTP port before the embedded services start (a test
        // context never listens on server.port).
        app.addListeners(new ServerPortPreflight());
        app.run(args);
    }

    /** Request defaults such as "the last hour" read this clock, so tests can fix it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
