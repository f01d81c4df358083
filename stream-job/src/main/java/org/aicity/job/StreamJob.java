package org.aicity.job;

import org.aicity.job.mqtt.AckMode;
import org.aicity.job.mqtt.MqttSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * The job's entry points: {@link #main} for a Flink cluster (the shaded jar with classifier
 * {@code job}), and {@link #submit} for running it inside another JVM on a MiniCluster.
 */
public final class StreamJob {

    private static final Logger LOG = LoggerFactory.getLogger(StreamJob.class);

    private StreamJob() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("stream-job: MQTT → validate, dedup, 1-minute statistics → PostgreSQL\n" + JobConfig.usage());
            return;
        }
        JobConfig config;
        try {
            config = JobConfig.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(JobConfig.usage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(config, env);
        env.execute(config.pipelineName());
    }

    /**
     * Builds the job with the real MQTT source and JDBC sinks on {@code env} and starts it without
     * waiting. For the platform's one-JVM mode, e.g. on a local environment backed by a MiniCluster.
     */
    public static JobClient submit(JobConfig config, StreamExecutionEnvironment env) throws Exception {
        build(config, env);
        return env.executeAsync(config.pipelineName());
    }

    static void build(JobConfig config, StreamExecutionEnvironment env) {
        LOG.info("Starting {}", config);
        if (config.mqttAckMode() == AckMode.RECEIPT) {
            LOG.warn("MQTT ack mode RECEIPT: messages are acknowledged on arrival, so those not yet covered by a "
                + "checkpoint are lost if the job fails. Use CHECKPOINT with an external broker for no loss.");
        } else {
            LOG.info("MQTT ack mode CHECKPOINT: messages are acknowledged after the checkpoint that covers them (no loss)");
        }
        // Aligned (exactly-once) checkpoints keep the dedup state, the windows and the acks consistent
        // with each other; the sinks are at-least-once with idempotent SQL.
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        CityPipeline.Streams streams = CityPipeline.buildPipeline(env, new MqttSource(config.mqttSourceSettings()), "MQTT source",
            PipelineSinks.jdbc(config.jdbcSettings()), config.pipelineSettings());
        CityPipeline.addInsights(streams.aggregates(), InsightSinks.jdbc(config.jdbcSettings()),
            InsightSettings.defaults(config.cities()));
    }
}
