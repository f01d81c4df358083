package org.aicity.job.decide;

import org.aicity.job.judge.Alert;
import org.aicity.job.judge.AlertKind;
import org.aicity.job.predict.Forecast;
import org.aicity.model.CityDefinition;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The decision rules of one city. Each rule reads the district's open alerts and the forecasts of
 * its 15-minute KPIs and, when it fires, says why and on what evidence:
 * <ul>
 *   <li>EXTEND_GREEN_TIME on the district's corridors: an open traffic incident, or mean road
 *       occupancy forecast at or above {@link DecisionConfig#occupancyAbove};</li>
 *   <li>DISCHARGE_STORAGE: an open energy peak, or mean meter load forecast at or above the
 *       district's peak threshold within {@link DecisionConfig#dischargeHorizon} minutes;</li>
 *   <li>SHIFT_LOAD: the same threshold forecast further out ({@link DecisionConfig#shiftHorizon}), when
 *       there is still time to move flexible load;</li>
 *   <li>AIR_QUALITY_ADVISORY: an open air-quality alert, or PM2.5 or PM10 forecast in the Korean
 *       "bad" band or worse.</li>
 * </ul>
 * Forecasts older than {@link #STALE_AFTER} are ignored: a district whose sensors went quiet gets
 * no recommendation from its last forecast.
 */
public final class DecisionRules implements Serializable {

    static final Duration STALE_AFTER = Duration.ofMinutes(30);
    private static final int MAX_EVIDENCE = 8;

    private final DecisionConfig config;
    private final Map<String, List<String>> corridorsByDistrict;

    public DecisionRules(DecisionConfig config, Map<String, List<String>> corridorsByDistrict) {
        this.config = config;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        corridorsByDistrict.forEach((d, c) -> copy.put(d, List.copyOf(c)));
        this.corridorsByDistrict = Map.copyOf(copy);
    }

    /** The rules of a city with its rules file (or the defaults); corridors from its definition. */
    public static DecisionRules forCity(CityDefinition city) {
        Map<String, String> districtBySensor = new LinkedHashMap<>();
        city.sensors().forEach(s -> districtBySensor.put(s.id(), s.district()));
        Map<String, Set<String>> corridors = new LinkedHashMap<>();
        for (CityDefinition.Corridor c : city.corridors()) {
            for (CityDefinition.Segment seg : c.segments()) {
                for (String sensor : seg.sensors()) {
                    String d = districtBySensor.get(sensor);
                    if (d != null) {
                        corridors.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(c.id());
                    }
                }
            }
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        corridors.forEach((d, c) -> lists.put(d, List.copyOf(c)));
        return new DecisionRules(DecisionConfig.forCity(city.id()), lists);
    }

    public DecisionConfig config() {
        return config;
    }

    /** The recommendations the district's state warrants now (at most one per action). */
    public List<Recommendation> decide(DistrictState s) {
        List<Recommendation> out = new ArrayList<>();
        congestion(s).ifPresent(out::add);
        energy(s).ifPresent(out::add);
        airQuality(s).ifPresent(out::add);
        return out;
    }

    private Optional<Recommendation> congestion(DistrictState s) {
        List<String> evidence = new ArrayList<>();
        String reason = null;
        for (Alert a : alerts(s, AlertKind.TRAFFIC_INCIDENT)) {
            reason = "Open traffic incident: " + a.summary();
            evidence.add("alert " + a.alertId() + " (" + a.severity().name().toLowerCase(Locale.ROOT) + ")");
            evidence.addAll(List.of(a.evidence()));
        }
        Optional<Forecast> occupancy = forecast(s, "traffic", "occupancy", config.congestionHorizon());
        if (occupancy.isPresent() && occupancy.get().value() >= config.occupancyAbove()) {
            Forecast f = occupancy.get();
            if (reason == null) {
                reason = String.format(Locale.ROOT, "Road occupancy forecast at %.2f in %d min (congestion from %.2f)",
                    f.value(), f.horizonMinutes(), config.occupancyAbove());
            }
            evidence.add(line(f));
        }
        if (reason == null) {
            return Optional.empty();
        }
        List<String> corridors = corridorsByDistrict.getOrDefault(s.districtId(), List.of());
        String target = corridors.isEmpty() ? s.districtId() : String.join(" ", corridors);
        return Optional.of(recommendation(s, Action.EXTEND_GREEN_TIME, target,
            reason + "; extend green time by " + config.greenExtensionSeconds() + " s per cycle", evidence));
    }

    private Optional<Recommendation> energy(DistrictState s) {
        double peak = config.peakKwOf(s.districtId());
        List<Alert> peaks = alerts(s, AlertKind.ENERGY_PEAK);
        Optional<Forecast> soon = forecast(s, "energy", "activePower", config.dischargeHorizon())
            .filter(f -> f.value() >= peak);
        if (!peaks.isEmpty() || soon.isPresent()) {
            List<String> evidence = new ArrayList<>();
            peaks.forEach(a -> {
                evidence.add("alert " + a.alertId());
                evidence.addAll(List.of(a.evidence()));
            });
            soon.ifPresent(f -> evidence.add(line(f)));
            String reason = soon.map(f -> String.format(Locale.ROOT, "Mean meter load forecast at %.0f kW in %d min (peak from %.0f kW)",
                f.value(), f.horizonMinutes(), peak)).orElseGet(() -> "Energy peak now: " + peaks.get(0).summary());
            return Optional.of(recommendation(s, Action.DISCHARGE_STORAGE, s.districtId(),
                reason + "; discharge storage into the peak", evidence));
        }
        return forecast(s, "energy", "activePower", config.shiftHorizon()).filter(f -> f.value() >= peak)
            .map(f -> recommendation(s, Action.SHIFT_LOAD, s.districtId(), String.format(Locale.ROOT,
                "Mean meter load forecast at %.0f kW in %d min (peak from %.0f kW); shift flexible load (cooling, charging) "
                    + "out of the peak", f.value(), f.horizonMinutes(), peak), List.of(line(f))));
    }

    private Optional<Recommendation> airQuality(DistrictState s) {
        List<String> evidence = new ArrayList<>();
        String reason = null;
        for (Alert a : alerts(s, AlertKind.AIR_QUALITY)) {
            reason = a.summary();
            evidence.add("alert " + a.alertId());
            evidence.addAll(List.of(a.evidence()));
        }
        for (String metric : List.of("pm25", "pm10")) {
            double limit = "pm25".equals(metric) ? config.pm25Above() : config.pm10Above();
            Optional<Forecast> f = forecast(s, "environment", metric, config.airQualityHorizon()).filter(x -> x.value() >= limit);
            if (f.isPresent()) {
                evidence.add(line(f.get()));
                if (reason == null) {
                    reason = String.format(Locale.ROOT, "%s forecast at %.0f µg/m³ in %d min (bad from %.0f)",
                        "pm25".equals(metric) ? "PM2.5" : "PM10", f.get().value(), f.get().horizonMinutes(), limit);
                }
            }
        }
        if (reason == null) {
            return Optional.empty();
        }
        return Optional.of(recommendation(s, Action.AIR_QUALITY_ADVISORY, s.districtId(),
            reason + "; advise sensitive groups to limit outdoor activity", evidence));
    }

    private static List<Alert> alerts(DistrictState s, AlertKind kind) {
        return s.openAlerts().stream().filter(a -> a.open() && a.kind() == kind).toList();
    }

    private Optional<Forecast> forecast(DistrictState s, String domain, String metric, int horizon) {
        String series = "district:" + s.districtId() + ":" + domain;
        return s.forecasts().stream()
            .filter(f -> f.seriesId().equals(series) && f.metric().equals(metric) && f.horizonMinutes() == horizon)
            .filter(f -> !f.issuedAt().isBefore(s.now().minus(STALE_AFTER)))
            .reduce((a, b) -> a.issuedAt().isAfter(b.issuedAt()) ? a : b);
    }

    private Recommendation recommendation(DistrictState s, Action action, String target, String reason, List<String> evidence) {
        List<String> lines = evidence.size() > MAX_EVIDENCE ? evidence.subList(0, MAX_EVIDENCE) : evidence;
        return new Recommendation(s.cityId(), Recommendation.idOf(s.cityId(), action, s.districtId(), s.now()), s.districtId(),
            action, target, s.now(), s.now().plus(config.validity()), reason, lines.toArray(String[]::new));
    }

    private static String line(Forecast f) {
        return String.format(Locale.ROOT, "%s %s +%d min: %.4g (80%%: %.4g..%.4g), issued %s", f.seriesId(), f.metric(),
            f.horizonMinutes(), f.value(), f.lower80(), f.upper80(), f.issuedAt());
    }
}
