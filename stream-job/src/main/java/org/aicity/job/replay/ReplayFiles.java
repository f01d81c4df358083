package org.aicity.job.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.aicity.job.decide.Recommendation;
import org.aicity.job.judge.Alert;
import org.aicity.job.predict.Forecast;
import org.aicity.job.predict.ForecastAccuracy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The replay's output files and their line formats. CSV cells are plain numbers and ids (ids never
 * hold commas: topics refuse them); an absent number is an empty cell. Alerts are JSON lines, one
 * per version of an alert (opened, escalated, closed), with the same {@code alertId}.
 */
public final class ReplayFiles {

    public static final String FORECASTS = "forecasts.csv";
    public static final String ACCURACY = "accuracy.csv";
    public static final String SCORES = "scores.csv";
    public static final String ALERTS = "alerts.jsonl";
    public static final String RECOMMENDATIONS = "recommendations.jsonl";
    static final List<String> ALL = List.of(FORECASTS, ACCURACY, SCORES, ALERTS, RECOMMENDATIONS);

    static final String FORECAST_HEADER = "city,series,metric,horizon_minutes,issued_at,target,value,lower80,upper80,"
        + "lower95,upper95,persistence,seasonal_naive";
    public static final String ACCURACY_HEADER = "city,series,domain,metric,horizon_minutes,period_start,count,"
        + "sum_abs_error,sum_smape,within80,within95,sum_abs_error_persistence,seasonal_count,"
        + "sum_abs_error_on_seasonal,sum_abs_error_seasonal";
    static final String SCORE_HEADER = "row,timestamp,sensor,metric,value,minute,expected,z,score,fault";

    private static final JsonFactory JSON = new JsonFactory();

    private ReplayFiles() {
    }

    static String forecast(Forecast f) {
        return String.join(",", f.cityId(), f.seriesId(), f.metric(), Integer.toString(f.horizonMinutes()),
            f.issuedAt().toString(), f.target().toString(), num(f.value()), num(f.lower80()), num(f.upper80()),
            num(f.lower95()), num(f.upper95()), num(f.persistence()), num(f.seasonalNaive()));
    }

    static String accuracy(ForecastAccuracy a) {
        return String.join(",", a.cityId(), a.seriesId(), a.domain(), a.metric(), Integer.toString(a.horizonMinutes()),
            a.periodStart().toString(), Long.toString(a.count()), num(a.sumAbsError()), num(a.sumSmape()),
            Long.toString(a.within80()), Long.toString(a.within95()), num(a.sumAbsErrorPersistence()),
            Long.toString(a.seasonalCount()), num(a.sumAbsErrorOnSeasonal()), num(a.sumAbsErrorSeasonal()));
    }

    static String score(RowScore s) {
        return String.join(",", Long.toString(s.row()), s.ts().toString(), s.sensorId(), s.metric(), num(s.value()),
            s.bucket().toString(), num(s.expected()), num(s.z()), num(s.score()), s.fault());
    }

    static String alert(Alert a) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("city", a.cityId());
            g.writeStringField("alertId", a.alertId());
            g.writeStringField("kind", a.kind().name());
            g.writeStringField("subject", a.subjectId());
            g.writeStringField("district", a.districtId());
            g.writeStringField("severity", a.severity().name());
            g.writeStringField("status", a.open() ? "OPEN" : "RESOLVED");
            g.writeStringField("since", a.since().toString());
            g.writeStringField("raisedAt", a.raisedAt().toString());
            g.writeStringField("closedAt", a.closedAt() == null ? null : a.closedAt().toString());
            g.writeNumberField("peakScore", a.peakScore());
            g.writeStringField("summary", a.summary());
            g.writeArrayFieldStart("evidence");
            for (String e : a.evidence()) {
                g.writeString(e);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static String recommendation(Recommendation r) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("city", r.cityId());
            g.writeStringField("recommendationId", r.recommendationId());
            g.writeStringField("district", r.districtId());
            g.writeStringField("action", r.action().name());
            g.writeStringField("target", r.target());
            g.writeStringField("issuedAt", r.issuedAt().toString());
            g.writeStringField("validUntil", r.validUntil().toString());
            g.writeStringField("reason", r.reason());
            g.writeArrayFieldStart("evidence");
            for (String e : r.evidence()) {
                g.writeString(e);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
