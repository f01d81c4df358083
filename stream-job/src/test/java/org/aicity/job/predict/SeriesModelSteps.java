package org.aicity.job.predict;

import java.time.Instant;
import java.util.List;

/** How the forecast operator drives a model for one step, for the model's tests. */
final class SeriesModelSteps {

    private SeriesModelSteps() {
    }

    /** What one step gave: the outcomes and periods scored, and the forecasts issued. */
    record Step(SeriesModel.Expectation expected, SeriesModel.Scored scored, List<PointForecast> forecasts) {
    }

    /** Expects, scores, learns (unless judged anomalous and not yet the new normal), records and forecasts {@code y} at {@code t}. */
    static Step step(SeriesModel model, Instant t, double y, boolean anomalous) {
        SeriesModel.Expectation e = model.expect(t);
        SeriesModel.Scored scored = model.score(t, y);
        if (model.admit(anomalous)) {
            model.learn(t, y, e);
        }
        model.record(t, y);
        return new Step(e, scored, model.forecast());
    }

    /**
     * The format fixtures' series: a daily wave of 300 around 500, hashed noise of +-20, rounded to
     * integers (which the day of history keeps exactly).
     */
    static double wave(int minute) {
        long h = minute * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        double noise = ((h & 0xFFFF) / 65535.0 - 0.5) * 40;
        return Math.round(500 + 300 * Math.sin(2 * Math.PI * (minute % 1440) / 1440.0) + noise);
    }
}
