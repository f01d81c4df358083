package org.aicity.platform.embedded;

import org.aicity.job.JobConfig;
import org.aicity.job.StreamJob;
import org.aicity.job.mqtt.AckMode;
import org.aicity.model.CityDefinition;
import org.aicity.platform.status.ComponentReporter;
import org.aicity.platform.status.ComponentStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The stream job on a Flink MiniCluster in this JVM. Started after the schema migration and
 * before the simulator; stopped (cancelled) after the simulator and before the broker and the
 * database go away.
 */
class EmbeddedStreamJob implements SmartLifecycle, ComponentReporter {

    /** Before the simulator ({@link EmbeddedSimulator#PHASE}), long before the web server. */
    static final int PHASE = 0;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStreamJob.class);

    /**
     * How long the job remembers a sensor's readings for deduplication when it acknowledges on
     * receipt (the embedded broker). Nothing is then redelivered after a restart from a checkpoint
     * (the broker already has the acks); what can come twice is the broker's in-flight window on a
     * reconnect (at most the receive maximum, about a second of readings at 10,000/s) and a
     * publisher's retry, seconds old. The job's default of 10 minutes covers redelivery since the
     * last checkpoint when acks wait for it, and costs about 8 KB per sensor at 1 reading/s (82 MB
     * of heap for 10,000 sensors, twice that while a checkpoint is written); 2 minutes cost a fifth.
     * AICITY_JOB_OPTIONS=DEDUP_TTL=... overrides it.
     */
    static final String RECEIPT_DEDUP_TTL = "2m";

    private final JobConfig config;
    private final WorkDirectory work;
    private final int parallelism;
    private final int preferredRestPort;
    private volatile JobClient client;
    private volatile int restPort;

    EmbeddedStreamJob(JobConfig config, WorkDirectory work, int parallelism, int preferredRestPort) {
        this.config = config;
        this.work = work;
        this.parallelism = parallelism;
        this.preferredRestPort = preferredRestPort;
    }

    /** The job's options, keyed as its environment variables. */
    static Map<String, String> options(MqttBroker broker, AckMode ackMode, DatabaseConnection db, List<String> cities,
                                       RunProperties.Job job) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("MQTT_URL", broker.url());
        o.put("MQTT_ACK_MODE", ackMode.name());
        if (broker.embedded() && job.parallelism() == 1) {
            // A plain subscription, not a shared one: the embedded broker (HiveMQ CE, in-memory
            // persistence) scans a shared subscription's whole queue for every acknowledgement
            // (ClientQueueMemoryLocalPersistence.removeShared), so once a backlog forms (the backfill,
            // a checkpoint pause) each ack costs O(backlog) and delivery collapsed from thousands of
            // readings/s to under a hundred. With one reader a shared group brings nothing.
            o.put("MQTT_SHARED_GROUP", "");
        }
        o.put("JDBC_URL", db.url());
        o.put("JDBC_USER", db.username());
        if (db.password() != null) {
            o.put("JDBC_PASSWORD", db.password());
        }
        o.put("CITY", String.join(",", cities));
        o.put("CHECKPOINT_INTERVAL", job.checkpointInterval().toString());
        o.put("PARALLELISM", Integer.toString(job.parallelism()));
        if (ackMode == AckMode.RECEIPT) {
            o.put("DEDUP_TTL", RECEIPT_DEDUP_TTL);
        }
        o.putAll(job.extraOptionsMap());
        return o;
    }

    /**
     * The configuration with {@code city} in place of the configured city of the same id, so that
     * the job accepts the readings of a scaled demo city's copied sensors (it rejects sensors that
     * are not in the definition).
     */
    static JobConfig withCity(JobConfig c, CityDefinition city) {
        List<CityDefinition> cities = c.cities().stream().map(d -> d.id().equals(city.id()) ? city : d).toList();
        if (!cities.contains(city)) {
            throw new IllegalArgumentException("city " + city.id() + " is not among the stream job's cities "
                + c.cities().stream().map(CityDefinition::id).toList());
        }
        return new JobConfig(c.mqttUrl(), c.mqttTopicFilter(), c.mqttClientId(), c.mqttUsername(), c.mqttPassword(),
            c.mqttAckMode(), c.mqttSharedGroup(), c.mqttSessionExpiry(), c.mqttReceiveMaximum(), c.jdbcUrl(), c.jdbcUser(),
            c.jdbcPassword(), c.jdbcBatchSize(), c.jdbcFlushInterval(), c.jdbcReadingsWrite(), c.jdbcReadingsConnections(), cities, c.pipelineName(),
            c.checkpointInterval(), c.outOfOrderness(), c.idleTimeout(), c.allowedLateness(), c.dedupTtl(), c.parallelism());
    }

    @Override
    public void start() {
        restPort = FreePorts.preferredOrFree("Flink REST endpoint", preferredRestPort,
            "aicity.embedded.job.rest-port (env AICITY_FLINK_REST_PORT)");
        Configuration flink = new Configuration();
        // Inside a Spring Boot fat jar the job's classes are in BOOT-INF/lib, which the system class
        // loader cannot see. A user classpath (an empty folder) makes Flink create a user-code class
        // loader whose parent is the application's class loader, which can.
        Path classpath = work.emptyFolder("flink/classpath");
        try {
            flink.set(PipelineOptions.CLASSPATHS, List.of(classpath.toUri().toURL().toString()));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        // Each MiniCluster start unpacks ~24 MB (the RPC system) into its temp folder and may not
        // remove it on exit, so it gets a folder of ours that is emptied on every start.
        String tmp = work.emptyFolder("flink/tmp").toString();
        flink.set(CoreOptions.TMP_DIRS, tmp);
        flink.set(WebOptions.TMP_DIR, tmp);
        flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        flink.set(RestOptions.ADDRESS, "127.0.0.1");
        flink.set(RestOptions.BIND_PORT, Integer.toString(restPort));
        flink.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(1, parallelism));
        // Network buffers are allocated in full at start, off the heap: a MiniCluster's default is
        // 64 MB, all resident. This job's graph (about a dozen tasks, one slot each at parallelism 1)
        // needs a few MB; 16 MB per slot leaves room for a higher parallelism.
        MemorySize network = MemorySize.ofMebiBytes(16L * Math.max(1, parallelism));
        flink.set(TaskManagerOptions.NETWORK_MEMORY_MIN, network);
        flink.set(TaskManagerOptions.NETWORK_MEMORY_MAX, network);
        flink.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
        // Checkpoints go to files: the default (the JobManager's memory) refuses a state over 5 MB,
        // which the dedup state passes within a minute at a few thousand readings/s; every failed
        // checkpoint also holds back the MQTT acks, until the broker stops delivering.
        flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.emptyFolder("flink/checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(flink);
        if (config.mqttAckMode() == AckMode.RECEIPT) {
            log.warn("The embedded stream job acknowledges MQTT messages on RECEIPT, because the embedded broker (HiveMQ CE) "
                + "stalls while acknowledgements are deferred: messages not yet covered by a checkpoint are lost if the job "
                + "fails. The no-loss guarantee (ack mode CHECKPOINT) needs an external broker configured as docs/ describes; "
                + "set MQTT_URL to use one.");
        }
        try {
            client = StreamJob.submit(config, env);
        } catch (Exception e) {
            throw new IllegalStateException("the stream job did not start on the embedded Flink MiniCluster", e);
        }
        log.info("Stream job {} running on a Flink MiniCluster in this JVM (REST http://127.0.0.1:{}, parallelism {}, ack mode {})",
            client.getJobID(), restPort, parallelism, config.mqttAckMode());
    }

    @Override
    public void stop() {
        JobClient c = client;
        client = null;
        if (c == null) {
            return;
        }
        log.info("Cancelling stream job {}", c.getJobID());
        try {
            c.cancel().get(30, TimeUnit.SECONDS);
            // The MiniCluster shuts itself down once the job has ended; give it the moment it needs.
            c.getJobExecutionResult().handle((r, e) -> null).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("the stream job did not cancel cleanly: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return client != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public ComponentStatus report() {
        JobClient c = client;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ackMode", config.mqttAckMode().name());
        details.put("parallelism", parallelism);
        if (c != null) {
            details.put("jobId", c.getJobID().toString());
            try {
                details.put("state", c.getJobStatus().get(2, TimeUnit.SECONDS).name());
            } catch (Exception e) {
                details.put("state", "UNKNOWN");
            }
        }
        return new ComponentStatus("stream-job", ComponentStatus.EMBEDDED,
            restPort > 0 ? "http://127.0.0.1:" + restPort : null, details);
    }
}
