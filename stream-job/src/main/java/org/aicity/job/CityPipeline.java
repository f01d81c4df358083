package org.aicity.job;

import org.aicity.job.aggregate.EmitMetricAggregate;
import org.aicity.job.aggregate.MetricAggregate;
import org.aicity.job.aggregate.WindowStats;
import org.aicity.job.aggregate.WindowStatsAggregate;
import org.aicity.job.ingest.DeadLetter;
import org.aicity.job.ingest.DecodeAndDeduplicate;
import org.aicity.job.ingest.ExplodeReadings;
import org.aicity.job.ingest.IngestOperator;
import org.aicity.job.ingest.IngestStatus;
import org.aicity.job.ingest.Measurement;
import org.aicity.job.ingest.RawMessage;
import org.aicity.job.ingest.ValidReading;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

import java.time.Duration;

/**
 * Assembles the job: raw MQTT messages → decode, validate and deduplicate (dead letters and
 * status as side outputs) → event-time watermarks → one measurement per metric → 1-minute
 * statistics. Every operator is named and has a stable uid, so savepoints survive changes
 * elsewhere in the graph.
 */
public final class CityPipeline {

    public static final Duration WINDOW = Duration.ofMinutes(1);

    private CityPipeline() {
    }

    /** The streams the pipeline produces, for stages added later (forecasts, alerts). */
    public record Streams(DataStream<Measurement> measurements, DataStream<MetricAggregate> aggregates,
                          DataStream<DeadLetter> deadLetters, DataStream<IngestStatus> status) {
    }

    /** Reads from a source (the MQTT source in production), which emits no watermarks itself. */
    public static Streams buildPipeline(StreamExecutionEnvironment env, Source<RawMessage, ?, ?> source, String sourceName,
                                        PipelineSinks sinks, PipelineSettings settings) {
        DataStream<RawMessage> input = env.fromSource(source, WatermarkStrategy.noWatermarks(), sourceName,
                TypeInformation.of(RawMessage.class))
            .uid("source");
        return buildPipeline(env, input, sinks, settings);
    }

    public static Streams buildPipeline(StreamExecutionEnvironment env, DataStream<RawMessage> input, PipelineSinks sinks,
                                        PipelineSettings settings) {
        SingleOutputStreamOperator<ValidReading> readings = input
            .keyBy(RawMessage::sensorKey, Types.STRING)
            .transform("Decode, validate and deduplicate", TypeInformation.of(ValidReading.class),
                new IngestOperator(new DecodeAndDeduplicate(settings.pipelineName(), settings.outOfOrderness(),
                    settings.dedupTtl(), settings.statusInterval(), settings.knownSensorsByCity())))
            .uid("decode-validate-dedup");

        DataStream<DeadLetter> deadLetters = readings.getSideOutput(DecodeAndDeduplicate.DEAD_LETTERS);
        deadLetters.sinkTo(sinks.deadLetters()).name("Dead letters sink").uid("dead-letters-sink");

        DataStream<IngestStatus> status = readings.getSideOutput(DecodeAndDeduplicate.STATUS);
        status.sinkTo(sinks.status()).name("Ingest status sink").uid("ingest-status-sink");

        DataStream<Measurement> measurements = readings
            .assignTimestampsAndWatermarks(WatermarkStrategy.<ValidReading>forBoundedOutOfOrderness(settings.outOfOrderness())
                .withTimestampAssigner((r, previous) -> r.ts().toEpochMilli())
                .withIdleness(settings.idleTimeout()))
            .name("Event-time watermarks").uid("watermarks")
            .flatMap(new ExplodeReadings(), TypeInformation.of(Measurement.class))
            .name("Explode into measurements").uid("explode");
        measurements.sinkTo(sinks.readings()).name("Readings sink").uid("readings-sink");

        // Readings later than the allowed lateness are still stored raw above; they only miss the
        // aggregate of a window that has been closed for good.
        DataStream<MetricAggregate> aggregates = measurements
            .keyBy(Measurement::seriesKey, Types.STRING)
            .window(TumblingEventTimeWindows.of(WINDOW))
            .allowedLateness(settings.allowedLateness())
            .aggregate(new WindowStatsAggregate(), new EmitMetricAggregate(),
                TypeInformation.of(WindowStats.class), TypeInformation.of(WindowStats.class), TypeInformation.of(MetricAggregate.class))
            .name("1-minute statistics").uid("stats-1m");
        aggregates.sinkTo(sinks.aggregates()).name("Aggregates sink").uid("aggregates-sink");

        return new Streams(measurements, aggregates, deadLetters, status);
    }
}
