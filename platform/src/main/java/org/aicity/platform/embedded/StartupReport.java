package org.aicity.platform.embedded;

import org.aicity.platform.city.CityCatalog;
import org.aicity.platform.status.ComponentReporter;
import org.aicity.platform.status.ComponentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.stream.Collectors;

/** One banner at the end of startup: what runs where, and which URLs to open. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final ObjectProvider<ComponentReporter> reporters;
    private final CityCatalog cities;

    StartupReport(ObjectProvider<ComponentReporter> reporters, CityCatalog cities) {
        this.reporters = reporters;
        this.cities = cities;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        int port = web.getWebServer().getPort();
        String base = "http://localhost:" + port;
        List<ComponentStatus> parts = reporters.orderedStream().map(ComponentReporter::report).toList();
        StringBuilder b = new StringBuilder();
        b.append("\n================ AI City platform is up (").append(event.getTimeTaken().toMillis()).append(" ms) ================\n");
        for (ComponentStatus c : parts) {
            b.append(String.format("  %-12s %-9s %s%s%n", c.name(), c.runs(), c.address() == null ? "" : c.address(),
                c.details().isEmpty() ? "" : "  " + c.details().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(", "))));
        }
        String city = cities.demoCity().id();
        b.append("  Open:\n");
        b.append("    ").append(base).append("/api/v1/cities/").append(city).append("/sensors\n");
        b.append("    ").append(base).append("/api/v1/status\n");
        b.append("    ").append(base).append("/swagger-ui.html   (OpenAPI document: ").append(base).append("/v3/api-docs)\n");
        b.append("  Stop with Ctrl-C (or SIGTERM): everything above stops with it.\n");
        b.append("=======================================================================================");
        log.info(b.toString());
    }
}
