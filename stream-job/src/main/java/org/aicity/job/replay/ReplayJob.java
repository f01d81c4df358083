package org.aicity.job.replay;

import org.aicity.job.CityPipeline;
import org.aicity.job.InsightSettings;
import org.aicity.job.InsightSinks;
import org.aicity.job.aggregate.MetricAggregate;
import org.aicity.job.ingest.Measurement;
import org.aicity.job.keys.StringKeyTypeInfo;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.time.Duration;

/**
 * The replay's graph: input rows → event-time watermarks → the job's own 1-minute statistics and
 * predict-and-judge stages ({@link CityPipeline#aggregatePerMinute}, {@link CityPipeline#addInsights})
 * → per-row anomaly scores. Sources and sinks are arguments, so tests pass finite ones.
 */
public final class ReplayJob {

    private ReplayJob() {
    }

    /**
     * @param outOfOrderness  how far behind the newest event time a row may come and still be in its window
     * @param allowedLateness how long a closed window still takes late rows (as in the live job)
     */
    public record Settings(InsightSettings insights, Duration outOfOrderness, Duration allowedLateness) {

        /** How long a minute's score waits for late rows of that minute: past this, a row cannot change its window. */
        Duration scoreKeep() {
            return outOfOrderness.plus(allowedLateness).plus(CityPipeline.WINDOW).plus(CityPipeline.WINDOW);
        }
    }

    public static CityPipeline.InsightStreams build(DataStream<ReplayRow> rows, InsightSinks sinks, Sink<RowScore> rowScores,
                                                    Settings settings) {
        Duration outOfOrderness = settings.outOfOrderness();
        DataStream<ReplayRow> timed = rows
            .assignTimestampsAndWatermarks(WatermarkStrategy.<ReplayRow>forGenerator(c -> new ReplayWatermarks(outOfOrderness))
                .withTimestampAssigner((r, previous) -> r.measurement().ts().toEpochMilli()))
            .name("Event-time watermarks").uid("replay-watermarks");
        DataStream<Measurement> measurements = timed.map(ReplayRow::measurement, TypeInformation.of(Measurement.class))
            .name("Measurements").uid("replay-measurements");
        DataStream<MetricAggregate> aggregates = CityPipeline.aggregatePerMinute(measurements, settings.allowedLateness());
        CityPipeline.InsightStreams insights = CityPipeline.addInsights(aggregates, sinks, settings.insights());
        if (rowScores != null) {
            timed.keyBy(r -> r.measurement().seriesKey(), StringKeyTypeInfo.INSTANCE)
                .connect(insights.anomalies().keyBy(a -> a.seriesKey(), StringKeyTypeInfo.INSTANCE))
                .process(new ScorePerRow(settings.scoreKeep(), settings.outOfOrderness()), TypeInformation.of(RowScore.class))
                .name("Score per input row").uid("replay-row-scores")
                .sinkTo(rowScores).name("Row scores sink").uid("replay-row-scores-sink");
        }
        return insights;
    }
}
