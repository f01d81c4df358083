package org.aicity.job.predict;

import org.aicity.job.judge.AnomalyScore;
import org.aicity.job.judge.FaultChecks;
import org.aicity.job.judge.FaultKind;
import org.aicity.job.judge.JudgeSettings;
import org.aicity.model.MetricCatalogue;
import org.aicity.model.MetricSpec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Per series (keyed by {@link SeriesPoint#key()}), in event-time order of its steps: judge the
 * point against the model's expectation and the fault checks, score the forecasts that targeted
 * it, learn from it unless it was judged anomalous, and forecast every horizon. Emits one
 * {@link AnomalyScore} per point; forecasts and completed accuracy periods go to side outputs.
 *
 * <p>An event-time timer per series notices silence: when no step arrives for
 * {@link JudgeSettings#dropoutAfter} it emits a DROPOUT score. At the end of a finite input (the
 * watermark jumps to the end of time) the timer only flushes the open accuracy periods.
 * A step older than the last one seen (a late window firing) is ignored: the model moves forward only.
 */
public final class ForecastAndJudge extends KeyedProcessFunction<String, SeriesPoint, AnomalyScore> {

    public static final OutputTag<Forecast> FORECASTS = new OutputTag<>("forecasts", TypeInformation.of(Forecast.class));
    public static final OutputTag<ForecastAccuracy> ACCURACY =
        new OutputTag<>("forecast-accuracy", TypeInformation.of(ForecastAccuracy.class));

    private final ModelParameters params;
    private final JudgeSettings settings;
    private final Map<String, String> zoneByCity;
    private final int forecastEveryMinutes;

    private transient ValueState<SeriesState> state;
    private transient ValueState<Long> timer;
    private transient MetricCatalogue catalogue;

    /**
     * @param zoneByCity           each city's IANA time zone (daily and weekly patterns follow local time)
     * @param forecastEveryMinutes emit forecasts at steps whose minute of the day is a multiple of
     *                             this (the model forecasts and scores at every step regardless)
     */
    public ForecastAndJudge(ModelParameters params, JudgeSettings settings, Map<String, String> zoneByCity,
                            int forecastEveryMinutes) {
        if (forecastEveryMinutes < 1) {
            throw new IllegalArgumentException("forecastEveryMinutes must be at least 1");
        }
        this.params = params;
        this.settings = settings;
        this.zoneByCity = Map.copyOf(zoneByCity);
        this.forecastEveryMinutes = forecastEveryMinutes;
    }

    @Override
    public void open(OpenContext ctx) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("series", new SeriesStateSerializer(params)));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("dropout-timer", Long.class));
        catalogue = MetricCatalogue.standard();
    }

    @Override
    public void processElement(SeriesPoint p, Context ctx, Collector<AnomalyScore> out) throws Exception {
        SeriesState s = state.value();
        if (s == null) {
            ZoneId zone = ZoneId.of(zoneByCity.getOrDefault(p.cityId(), "UTC"));
            s = new SeriesState(new SeriesModel(params, zone), new FaultChecks(), p);
        }
        SeriesModel model = s.model();
        if (!model.isNew(p.bucket())) {
            return;
        }
        Instant t = p.bucket();
        double y = p.value();
        SeriesModel.Expectation expected = model.expect(t);
        double z = expected.z(y);
        MetricSpec spec = catalogue.find(p.metric()).orElse(null);
        double jump = expected.warm() && expected.magnitude() > 0
            ? Math.abs(y - expected.value()) / expected.magnitude() : Double.NaN;
        double peakBefore = s.faults().peak();
        FaultKind fault = s.faults().check(y, z, jump, spec, settings);
        double score = fault != FaultKind.NONE ? 1 : settings.residualScore(z);
        boolean finite = !Double.isNaN(y) && !Double.isInfinite(y);

        if (fault == FaultKind.NONE) {
            SeriesModel.Scored scored = model.score(t, y);
            for (Accuracy a : scored.completedPeriods()) {
                ctx.output(ACCURACY, ForecastAccuracy.of(p, a));
            }
        }
        boolean flagged = fault != FaultKind.NONE || score >= settings.policy().openScore();
        if (finite && fault != FaultKind.IMPOSSIBLE && model.admit(flagged)) {
            model.learn(t, y, expected);
        } else if (finite && fault == FaultKind.NONE) {
            model.follow(t, y);
        }
        if (finite) {
            model.record(t, y);
        }
        long minuteOfDay = Math.floorMod(t.getEpochSecond() / 60, 24 * 60);
        if (minuteOfDay % forecastEveryMinutes == 0) {
            for (PointForecast f : model.forecast()) {
                ctx.output(FORECASTS, Forecast.of(p, f));
            }
        } else {
            model.forecast();
        }
        double bandMean = org.aicity.job.judge.AirQualityBand.hasBands(p.metric())
            ? model.recentMean((int) (settings.airQualityWindow().toMinutes() / params.stepMinutes())) : Double.NaN;
        out.collect(new AnomalyScore(p.cityId(), p.sensorId(), p.districtId(), p.domain(), p.metric(), t, y,
            expected.value(), z, score, fault, bandMean, expected.typical(), expected.magnitude(), peakBefore));
        state.update(new SeriesState(model, s.faults(), p));

        Long previous = timer.value();
        if (previous != null) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        // The next step arrives when the watermark passes its window's end, a step after this one's:
        // waiting less than a step more would call every step of a 15-minute series a dropout.
        long step = params.stepMinutes() * 60_000L;
        long at = t.toEpochMilli() + step + Math.max(settings.dropoutAfter().toMillis(), 2 * step) - 1;
        ctx.timerService().registerEventTimeTimer(at);
        timer.update(at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AnomalyScore> out) throws Exception {
        timer.clear();
        SeriesState s = state.value();
        if (s == null) {
            return;
        }
        SeriesPoint last = s.last();
        List<Accuracy> open = s.model().openPeriods();
        for (Accuracy a : open) {
            ctx.output(ACCURACY, ForecastAccuracy.of(last, a));
        }
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return; // the end of a finite input, not a silent sensor
        }
        Instant noticed = Instant.ofEpochMilli(timestamp + 1 - params.stepMinutes() * 60_000L);
        out.collect(new AnomalyScore(last.cityId(), last.sensorId(), last.districtId(), last.domain(), last.metric(),
            noticed, Double.NaN, Double.NaN, Double.NaN, 1, FaultKind.DROPOUT, Double.NaN, Double.NaN, Double.NaN));
    }
}
