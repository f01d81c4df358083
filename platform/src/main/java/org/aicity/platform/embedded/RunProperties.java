package org.aicity.platform.embedded;

import org.aicity.model.CityDefinition;
import org.aicity.sim.city.SyntheticCity;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How this process runs. In {@code embedded} mode every service that has no configured address is
 * started in this JVM; in {@code external} mode nothing is, and the database URL is required.
 *
 * @param mode    embedded or external
 * @param workDir where the embedded services keep their files
 * @param mqtt    the broker the job and simulator use; a blank url in embedded mode means an embedded broker
 */
@ConfigurationProperties("aicity")
record RunProperties(Mode mode, Path workDir, Mqtt mqtt, Embedded embedded) {

    enum Mode { EMBEDDED, EXTERNAL }

    record Mqtt(String url) {
        boolean configured() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * @param database  preferred port and whether data survives a restart
     * @param broker    preferred port
     * @param job       the stream job on a MiniCluster in this JVM; null enabled = on in embedded mode only
     * @param simulator the demo city's simulator in this JVM; null enabled = on in embedded mode only
     */
    record Embedded(Database database, Broker broker, Job job, Simulator simulator) {
    }

    record Database(int port, boolean keepData) {
    }

    record Broker(int port) {
    }

    /**
     * @param restPort     preferred port of the MiniCluster's REST endpoint
     * @param extraOptions more stream-job options, keyed as its environment variables (see the job's
     *                     {@code --help}), comma separated: {@code MQTT_RECEIVE_MAXIMUM=65535,JDBC_BATCH_SIZE=2000}
     */
    record Job(Boolean enabled, int parallelism, int restPort, Duration checkpointInterval, String extraOptions) {

        Map<String, String> extraOptionsMap() {
            Map<String, String> m = new LinkedHashMap<>();
            if (extraOptions == null || extraOptions.isBlank()) {
                return m;
            }
            for (String pair : extraOptions.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("aicity.embedded.job.extra-options (env AICITY_JOB_OPTIONS): '" + pair.trim()
                        + "' is not KEY=VALUE; write e.g. MQTT_RECEIVE_MAXIMUM=65535,JDBC_BATCH_SIZE=2000");
                }
                m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            return m;
        }
    }

    /**
     * @param sensorInterval how often each sensor of the demo city publishes a reading
     * @param backfill       history published at start, faster than real time, so that the first
     *                       1-minute aggregates exist at once; zero for none; bounded by the simulator
     *                       for a large city (see {@code EmbeddedSimulator.Backfill})
     * @param sensors        scale the demo city to this many sensors (copies of its sensors, or an
     *                       even sample of them, see {@link SyntheticCity}); 0 (or null) = the city as defined
     */
    record Simulator(Boolean enabled, Duration sensorInterval, Duration backfill, Integer sensors) {
        Simulator {
            if (backfill == null || backfill.isNegative()) {
                backfill = Duration.ZERO;
            }
            if (sensors == null) {
                sensors = 0;
            }
            if (sensors < 0 || sensors > SyntheticCity.MAX_SENSORS) {
                throw new IllegalArgumentException("aicity.embedded.simulator.sensors (env AICITY_SIMULATOR_SENSORS) must be 0 "
                    + "(the demo city as defined) or a number of sensors from 1 to " + SyntheticCity.MAX_SENSORS
                    + " to scale it to, got " + sensors);
            }
        }

        /** The demo city as simulated: {@code defined} itself, or scaled to {@link #sensors()}. */
        CityDefinition city(CityDefinition defined) {
            return scaled() ? SyntheticCity.scale(defined, sensors) : defined;
        }

        boolean scaled() {
            return sensors > 0;
        }
    }

    RunProperties {
        if (mode == null) {
            throw new IllegalArgumentException("aicity.mode (env AICITY_MODE) must be embedded or external");
        }
    }

    boolean embeddedMode() {
        return mode == Mode.EMBEDDED;
    }

    boolean embeddedBroker() {
        return embeddedMode() && !mqtt.configured();
    }

    boolean jobEnabled() {
        return embedded.job().enabled() != null ? embedded.job().enabled() : embeddedMode();
    }

    boolean simulatorEnabled() {
        return embedded.simulator().enabled() != null ? embedded.simulator().enabled() : embeddedMode();
    }
}
