package org.aicity.job;

import org.aicity.job.aggregate.EmitSensorAggregates;
import org.aicity.job.aggregate.MetricAggregate;
import org.aicity.job.aggregate.SensorMinute;
import org.aicity.job.aggregate.SensorMinuteAggregate;
import org.aicity.job.aggregate.SensorMinuteTypeInfo;
import org.aicity.job.aggregate.WindowStats;
import org.aicity.job.decide.DistrictDecisions;
import org.aicity.job.decide.Recommendation;
import org.aicity.job.ingest.DeadLetter;
import org.aicity.job.ingest.DecodeAndDeduplicate;
import org.aicity.job.ingest.IngestOperator;
import org.aicity.job.ingest.IngestStatus;
import org.aicity.job.ingest.Measurement;
import org.aicity.job.ingest.RawMessage;
import org.aicity.job.ingest.ReadingSensorKey;
import org.aicity.job.ingest.ValidReading;
import org.aicity.job.judge.Alert;
import org.aicity.job.judge.AnomalyScore;
import org.aicity.job.judge.DistrictAlerts;
import org.aicity.job.keys.StringKeyTypeInfo;
import org.aicity.job.predict.DistrictKpiMean;
import org.aicity.job.predict.Forecast;
import org.aicity.job.predict.ForecastAccuracy;
import org.aicity.job.predict.ForecastAndJudge;
import org.aicity.job.predict.ModelParameters;
import org.aicity.job.predict.SensorDirectory;
import org.aicity.job.predict.SeriesPoint;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
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
    public static final Duration KPI_WINDOW = Duration.ofMinutes(15);

    private CityPipeline() {
    }

    /** The streams the pipeline produces, for stages added later (forecasts, alerts). */
    public record Streams(DataStream<ValidReading> readings, DataStream<MetricAggregate> aggregates,
                          DataStream<DeadLetter> deadLetters, DataStream<IngestStatus> status) {
    }

    /** The streams of the predict and judge stages. */
    public record InsightStreams(DataStream<AnomalyScore> anomalies, DataStream<Forecast> forecasts,
                                 DataStream<ForecastAccuracy> accuracy, DataStream<Alert> alerts,
                                 DataStream<SeriesPoint> districtKpis, DataStream<Recommendation> recommendations) {
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
            .keyBy(RawMessage::sensorKey, StringKeyTypeInfo.INSTANCE)
            .transform("Decode, validate and deduplicate", TypeInformation.of(ValidReading.class),
                new IngestOperator(new DecodeAndDeduplicate(settings.pipelineName(), settings.outOfOrderness(),
                    settings.dedupTtl(), settings.statusInterval(), settings.knownSensorsByCity())))
            .uid("decode-validate-dedup");

        DataStream<DeadLetter> deadLetters = readings.getSideOutput(DecodeAndDeduplicate.DEAD_LETTERS);
        deadLetters.sinkTo(sinks.deadLetters()).name("Dead letters sink").uid("dead-letters-sink");

        DataStream<IngestStatus> status = readings.getSideOutput(DecodeAndDeduplicate.STATUS);
        status.sinkTo(sinks.status()).name("Ingest status sink").uid("ingest-status-sink");

        SingleOutputStreamOperator<ValidReading> timed = readings
            .assignTimestampsAndWatermarks(WatermarkStrategy.<ValidReading>forBoundedOutOfOrderness(settings.outOfOrderness())
                .withTimestampAssigner((r, previous) -> r.ts().toEpochMilli())
                .withIdleness(settings.idleTimeout()))
            .name("Event-time watermarks").uid("watermarks");
        // One row per reading, with all of its metrics. Its own task, not chained to decoding: the
        // writer blocks on PostgreSQL round trips, and chained it stalled decoding for each of them
        // (the platform used half a core at its limit).
        timed.sinkTo(sinks.readings()).name("Readings sink").uid("readings-sink").disableChaining();

        // The readings are still keyed by sensor, as decoding partitioned them (ValidReading#sensorKey
        // is the same string as RawMessage#sensorKey): the windows run chained to decoding, with no
        // shuffle and no serialization in between. Readings later than the allowed lateness are
        // still stored raw above; they only miss the aggregate of a window closed for good.
        DataStream<MetricAggregate> aggregates = aggregatePerMinute(
            DataStreamUtils.reinterpretAsKeyedStream(timed, new ReadingSensorKey(), StringKeyTypeInfo.INSTANCE),
            new SensorMinuteAggregate.Readings(), settings.allowedLateness());
        aggregates.sinkTo(sinks.aggregates()).name("Aggregates sink").uid("aggregates-sink");

        return new Streams(timed, aggregates, deadLetters, status);
    }

    /** 1-minute statistics of event-time measurements (the replay's input: one metric per element). */
    public static DataStream<MetricAggregate> aggregatePerMinute(DataStream<Measurement> measurements, Duration allowedLateness) {
        return aggregatePerMinute(measurements.keyBy(Measurement::sensorKey, StringKeyTypeInfo.INSTANCE),
            new SensorMinuteAggregate.Measurements(), allowedLateness);
    }

    /**
     * 1-minute tumbling event-time windows per sensor, each holding the statistics of all of the
     * sensor's metrics ({@link SensorMinute}), emitted as one row per metric.
     */
    static <T> SingleOutputStreamOperator<MetricAggregate> aggregatePerMinute(KeyedStream<T, String> bySensor,
                                                                      AggregateFunction<T, SensorMinute, SensorMinute> fold,
                                                                      Duration allowedLateness) {
        return bySensor
            .window(TumblingEventTimeWindows.of(WINDOW))
            .allowedLateness(allowedLateness)
            .aggregate(fold, new EmitSensorAggregates(), new SensorMinuteTypeInfo(), new SensorMinuteTypeInfo(),
                TypeInformation.of(MetricAggregate.class))
            .name("1-minute statistics").uid("stats-1m-by-sensor");
    }

    /**
     * Predict and judge on top of the 1-minute aggregates: per-series forecasts with intervals and
     * baselines, their accuracy, anomaly scores per point, 15-minute district KPIs and their
     * forecasts, alerts per district, and the recommendations the city's decision rules draw from
     * the district KPI forecasts and the alerts.
     */
    public static InsightStreams addInsights(DataStream<MetricAggregate> aggregates, InsightSinks sinks,
                                             InsightSettings settings) {
        SensorDirectory directory = new SensorDirectory(settings.cities());
        DataStream<SeriesPoint> sensorSeries = aggregates
            .map(directory::point, TypeInformation.of(SeriesPoint.class))
            .name("Sensor series").uid("sensor-series");

        SingleOutputStreamOperator<AnomalyScore> anomalies = sensorSeries
            .keyBy(SeriesPoint::key, StringKeyTypeInfo.INSTANCE)
            .process(new ForecastAndJudge(ModelParameters.perMinute(), settings.judge(), directory.zoneByCity(),
                settings.forecastEveryMinutes()), TypeInformation.of(AnomalyScore.class))
            .name("Forecast and judge (1 min)").uid("forecast-judge-1m");

        DataStream<SeriesPoint> districtKpis = sensorSeries
            .filter(p -> !p.districtId().isEmpty() && !p.domain().isEmpty())
            .name("Sensors with a district").uid("district-sensors")
            .keyBy(DistrictKpiMean::key, StringKeyTypeInfo.INSTANCE)
            .window(TumblingEventTimeWindows.of(KPI_WINDOW))
            .aggregate(new DistrictKpiMean.Fold(), new DistrictKpiMean.Emit(), TypeInformation.of(WindowStats.class),
                TypeInformation.of(WindowStats.class), TypeInformation.of(SeriesPoint.class))
            .name("15-minute district KPIs").uid("district-kpi-15m");
        SingleOutputStreamOperator<AnomalyScore> kpiJudged = districtKpis
            .keyBy(SeriesPoint::key, StringKeyTypeInfo.INSTANCE)
            .process(new ForecastAndJudge(ModelParameters.perQuarterHour(), settings.judge(), directory.zoneByCity(), 15),
                TypeInformation.of(AnomalyScore.class))
            .name("Forecast district KPIs (15 min)").uid("forecast-kpi-15m");

        DataStream<Forecast> forecasts = anomalies.getSideOutput(ForecastAndJudge.FORECASTS)
            .union(kpiJudged.getSideOutput(ForecastAndJudge.FORECASTS));
        forecasts.sinkTo(sinks.forecasts()).name("Forecasts sink").uid("forecasts-sink");
        DataStream<ForecastAccuracy> accuracy = anomalies.getSideOutput(ForecastAndJudge.ACCURACY)
            .union(kpiJudged.getSideOutput(ForecastAndJudge.ACCURACY));
        accuracy.sinkTo(sinks.accuracy()).name("Forecast accuracy sink").uid("forecast-accuracy-sink");

        double storedFrom = settings.storedScoreFrom();
        anomalies.filter(a -> a.score() >= storedFrom).name("Scores worth storing").uid("stored-scores")
            .sinkTo(sinks.anomalies()).name("Anomaly scores sink").uid("anomaly-scores-sink");

        DataStream<Alert> alerts = anomalies
            .keyBy(AnomalyScore::districtKey, StringKeyTypeInfo.INSTANCE)
            .process(new DistrictAlerts(settings.judge(), directory.kindBySensor()), TypeInformation.of(Alert.class))
            .name("District alerts").uid("district-alerts");
        alerts.sinkTo(sinks.alerts()).name("Alerts sink").uid("alerts-sink");

        DataStream<Recommendation> recommendations = kpiJudged.getSideOutput(ForecastAndJudge.FORECASTS)
            .keyBy(DistrictDecisions::key, StringKeyTypeInfo.INSTANCE)
            .connect(alerts.filter(a -> a.districtId() != null && !a.districtId().isEmpty())
                .name("Alerts with a district").uid("district-alerts-only")
                .keyBy(DistrictDecisions::key, StringKeyTypeInfo.INSTANCE))
            .process(new DistrictDecisions(settings.decisions()), TypeInformation.of(Recommendation.class))
            .name("District decisions").uid("district-decisions");
        recommendations.sinkTo(sinks.recommendations()).name("Recommendations sink").uid("recommendations-sink");

        return new InsightStreams(anomalies, forecasts, accuracy, alerts, districtKpis, recommendations);
    }
}
