package org.aicity.job;

import org.aicity.job.decide.Recommendation;
import org.aicity.job.judge.Alert;
import org.aicity.job.judge.AnomalyScore;
import org.aicity.job.predict.Forecast;
import org.aicity.job.predict.ForecastAccuracy;
import org.aicity.job.sink.JdbcSettings;
import org.aicity.job.sink.InsightJdbcSinks;
import org.apache.flink.api.connector.sink2.Sink;

import java.util.Objects;

/** Where the predict and judge stages write. Like {@link PipelineSinks}, each must tolerate a row written twice. */
public record InsightSinks(Sink<Forecast> forecasts, Sink<ForecastAccuracy> accuracy, Sink<AnomalyScore> anomalies,
                           Sink<Alert> alerts, Sink<Recommendation> recommendations) {

    public InsightSinks {
        Objects.requireNonNull(forecasts, "forecasts");
        Objects.requireNonNull(accuracy, "accuracy");
        Objects.requireNonNull(anomalies, "anomalies");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(recommendations, "recommendations");
    }

    /** Idempotent upserts into the tables of migration V10. */
    public static InsightSinks jdbc(JdbcSettings settings) {
        return new InsightSinks(InsightJdbcSinks.forecasts(settings), InsightJdbcSinks.accuracy(settings),
            InsightJdbcSinks.anomalies(settings), InsightJdbcSinks.alerts(settings), InsightJdbcSinks.recommendations(settings));
    }
}
