package org.aicity.platform.status;

import java.util.Map;

/**
 * What one part of the platform is and where it runs.
 *
 * @param runs    {@code embedded} (in this JVM), {@code external} (configured address) or {@code off}
 * @param address where it can be reached, with no credentials; null when it has none
 * @param details anything else worth knowing (ports, ack mode, rate)
 */
public record ComponentStatus(String name, String runs, String address, Map<String, Object> details) {
    public static final String EMBEDDED = "embedded";
    public static final String EXTERNAL = "external";
    public static final String OFF = "off";

    public ComponentStatus {
        details = Map.copyOf(details);
    }
}
