package org.aicity.job.decide;

import org.aicity.job.judge.Alert;
import org.aicity.job.predict.Forecast;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per district (keyed by {@link #key}): keeps the latest forecast of each district KPI and
 * horizon and the open alerts, and runs the city's {@link DecisionRules} when a quarter-hour's
 * forecasts are complete (the watermark passes their window) and at once when an alert opens. A
 * recommendation is emitted when it first becomes warranted and again when its validity runs out
 * while it still is; one no longer warranted is forgotten, so it is issued afresh if it returns.
 */
public final class DistrictDecisions extends KeyedCoProcessFunction<String, Forecast, Alert, Recommendation> {

    private static final long QUARTER = 15 * 60_000L;

    private final Map<String, DecisionRules> rulesByCity;

    private transient MapState<String, Forecast> forecasts;
    private transient MapState<String, Alert> openAlerts;
    private transient MapState<String, Long> issuedUntil;

    public DistrictDecisions(Map<String, DecisionRules> rulesByCity) {
        this.rulesByCity = Map.copyOf(rulesByCity);
    }

    /** city/district of a district KPI forecast ({@code district:<district>:<domain>}); null for a sensor's. */
    public static String key(Forecast f) {
        if (!f.seriesId().startsWith("district:")) {
            return null;
        }
        String[] parts = f.seriesId().split(":", 3);
        return f.cityId() + "/" + parts[1];
    }

    public static String key(Alert a) {
        return a.cityId() + "/" + (a.districtId() == null ? "" : a.districtId());
    }

    @Override
    public void open(OpenContext ctx) {
        forecasts = getRuntimeContext().getMapState(new MapStateDescriptor<>("kpi-forecasts", Types.STRING,
            TypeInformation.of(Forecast.class)));
        openAlerts = getRuntimeContext().getMapState(new MapStateDescriptor<>("open-alerts", Types.STRING,
            TypeInformation.of(Alert.class)));
        issuedUntil = getRuntimeContext().getMapState(new MapStateDescriptor<>("issued-until", Types.STRING, Types.LONG));
    }

    @Override
    public void processElement1(Forecast f, Context ctx, Collector<Recommendation> out) throws Exception {
        forecasts.put(f.seriesId() + "|" + f.metric() + "|" + f.horizonMinutes(), f);
        // the KPI window of this issue time ends a quarter later; by then all its forecasts are in
        ctx.timerService().registerEventTimeTimer(f.issuedAt().toEpochMilli() + QUARTER);
    }

    @Override
    public void processElement2(Alert a, Context ctx, Collector<Recommendation> out) throws Exception {
        if (a.open()) {
            boolean opened = !openAlerts.contains(a.alertId());
            openAlerts.put(a.alertId(), a);
            if (opened) {
                decide(ctx.getCurrentKey(), a.raisedAt(), out);
            }
        } else {
            openAlerts.remove(a.alertId());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Recommendation> out) throws Exception {
        if (timestamp == Long.MAX_VALUE) {
            return;
        }
        decide(ctx.getCurrentKey(), Instant.ofEpochMilli(timestamp), out);
    }

    private void decide(String key, Instant now, Collector<Recommendation> out) throws Exception {
        String[] k = key.split("/", 2);
        DecisionRules rules = rulesByCity.get(k[0]);
        if (rules == null || k[1].isEmpty()) {
            return;
        }
        List<Forecast> latest = new ArrayList<>();
        forecasts.values().forEach(latest::add);
        List<Alert> alerts = new ArrayList<>();
        openAlerts.values().forEach(alerts::add);
        Set<String> warranted = new HashSet<>();
        for (Recommendation r : rules.decide(new DistrictState(k[0], k[1], now, latest, alerts))) {
            String action = r.action().name();
            warranted.add(action);
            Long until = issuedUntil.get(action);
            if (until == null || now.toEpochMilli() >= until) {
                out.collect(r);
                issuedUntil.put(action, r.validUntil().toEpochMilli());
            }
        }
        List<String> lapsed = new ArrayList<>();
        for (String action : issuedUntil.keys()) {
            if (!warranted.contains(action)) {
                lapsed.add(action);
            }
        }
        for (String action : lapsed) {
            issuedUntil.remove(action);
        }
    }
}
