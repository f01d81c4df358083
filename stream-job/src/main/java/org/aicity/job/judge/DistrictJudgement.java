package org.aicity.job.judge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one minute of a district's anomaly scores into evidence per alert slot:
 * <ul>
 *   <li>SENSOR_FAULT per sensor: any failed fault check (a spike is ignored while the sensor shows
 *       the incident pattern, whose onset can look like one); on a sensor with several metrics, a
 *       stuck value or a spike counts only when at least two of its metrics show it at once;</li>
 *   <li>TRAFFIC_INCIDENT per district: a traffic sensor where at least two of occupancy up, speed
 *       down and intensity down agree; NO2 or noise up at the district's environment sensors in
 *       the same minute is attached as corroborating evidence to the same alert;</li>
 *   <li>AIR_QUALITY per district: a station whose running particulate mean is in the bad band or worse;</li>
 *   <li>ENERGY_PEAK per meter: active power well above the expected.</li>
 * </ul>
 * Every slot with data this minute gets evidence, 0 when nothing showed, so that alerts close on
 * recovery. Sensors with no data this minute give none, which keeps their state.
 */
public final class DistrictJudgement {

    /** How many of a multi-metric sensor's metrics must be stuck, or spike, together. */
    static final int MIN_FAULTY_METRICS = 2;
    /** How far past its recent peak a single-metric series must spike. */
    static final double SINGLE_METRIC_SPIKE_OVER_PEAK = 1.5;

    private final JudgeSettings settings;

    public DistrictJudgement(JudgeSettings settings) {
        this.settings = settings;
    }

    public List<Evidence> judge(String districtId, List<AnomalyScore> minute) {
        Map<String, List<AnomalyScore>> bySensor = new LinkedHashMap<>();
        minute.stream().sorted(Comparator.comparing(AnomalyScore::sensorId).thenComparing(AnomalyScore::metric))
            .forEach(s -> bySensor.computeIfAbsent(s.sensorId(), k -> new ArrayList<>()).add(s));

        List<Evidence> out = new ArrayList<>();
        List<String> incidentLines = new ArrayList<>();
        List<String> corroboration = new ArrayList<>();
        double incident = 0;
        int incidentSensors = 0;
        boolean anyTraffic = false;
        List<String> airLines = new ArrayList<>();
        AirQualityBand worstBand = null;
        boolean anyParticulates = false;

        for (Map.Entry<String, List<AnomalyScore>> e : bySensor.entrySet()) {
            String sensor = e.getKey();
            List<AnomalyScore> scores = e.getValue();
            String domain = scores.get(0).domain();
            double trafficScore = 0;
            List<String> trafficLines = new ArrayList<>();
            if ("traffic".equals(domain)) {
                anyTraffic = true;
                double occupancyUp = 0;
                double speedDown = 0;
                double intensityDown = 0;
                for (AnomalyScore s : scores) {
                    if (s.fault() != FaultKind.NONE && s.fault() != FaultKind.SPIKE) {
                        continue;
                    }
                    switch (s.metric()) {
                        case "occupancy" -> occupancyUp = directional(s.z(), +1);
                        case "averageVehicleSpeed" -> speedDown = directional(s.z(), -1);
                        case "intensity" -> intensityDown = directional(s.z(), -1);
                        default -> { }
                    }
                    if (directional(s.z(), "occupancy".equals(s.metric()) ? +1 : -1) > 0) {
                        trafficLines.add(line(s));
                    }
                }
                trafficScore = secondLargest(occupancyUp, speedDown, intensityDown);
            }
            boolean incidentPattern = trafficScore >= settings.policy().openScore();
            double fault = 0;
            List<String> faultLines = new ArrayList<>();
            Severity faultSeverity = Severity.WARNING;
            int stuck = 0;
            int spikes = 0;
            for (AnomalyScore s : scores) {
                stuck += s.fault() == FaultKind.STUCK ? 1 : 0;
                spikes += s.fault() == FaultKind.SPIKE ? 1 : 0;
            }
            for (AnomalyScore s : scores) {
                if (s.fault() == FaultKind.NONE || (s.fault() == FaultKind.SPIKE && (incidentPattern || !spikeConfirmed(s, scores.size(), spikes)))
                    || (s.fault() == FaultKind.STUCK && !stuckConfirmed(scores.size(), stuck))) {
                    continue;
                }
                fault = 1;
                faultLines.add(s.sensorId() + " " + s.metric() + " " + s.fault().name().toLowerCase(Locale.ROOT)
                    + (s.fault() == FaultKind.DROPOUT ? "" : " at " + fmt(s.value())));
            }
            if (fault > 0) {
                trafficScore = 0; // a broken sensor is not evidence of an incident
            } else {
                // A sensor still far off what was expected has not recovered: its residual holds an
                // open fault alert (a spike that became a stuck value is one fault), but is kept
                // below the opening threshold, so it never opens one by itself.
                double residual = scores.stream().mapToDouble(AnomalyScore::score).max().orElse(0);
                fault = Math.min(residual, Math.nextDown(settings.policy().openScore()));
            }
            out.add(new Evidence(AlertKind.SENSOR_FAULT, sensor, fault, true, faultSeverity,
                faultLines.isEmpty() ? "" : "Sensor " + sensor + " looks faulty", faultLines.toArray(String[]::new)));

            if (trafficScore > 0) {
                incident = Math.max(incident, trafficScore);
                incidentLines.addAll(trafficLines);
                if (trafficScore >= settings.policy().openScore()) {
                    incidentSensors++;
                }
            }
            for (AnomalyScore s : scores) {
                if (faultLines.isEmpty() && ("no2".equals(s.metric()) || "LAeq".equals(s.metric()))
                    && !Double.isNaN(s.z()) && s.z() >= settings.corroborationZ()) {
                    corroboration.add(line(s));
                }
                if (AirQualityBand.hasBands(s.metric()) && s.fault() == FaultKind.NONE) {
                    anyParticulates = true;
                    AirQualityBand band = AirQualityBand.of(s.metric(), s.bandMean()).orElse(null);
                    if (band != null && band.compareTo(AirQualityBand.BAD) >= 0) {
                        worstBand = worstBand == null || band.compareTo(worstBand) > 0 ? band : worstBand;
                        airLines.add(s.sensorId() + " " + s.metric() + " " + fmt(s.bandMean()) + " µg/m³ over "
                            + settings.airQualityWindow().toMinutes() + " min (" + band.name().toLowerCase(Locale.ROOT) + ")");
                    }
                }
                if ("activePower".equals(s.metric()) && faultLines.isEmpty()) {
                    double peak = directional(s.z(), +1, settings.energyPeakZ());
                    Severity sev = !Double.isNaN(s.z()) && s.z() >= 2 * settings.energyPeakZ() ? Severity.CRITICAL : Severity.WARNING;
                    out.add(new Evidence(AlertKind.ENERGY_PEAK, sensor, peak, false, sev,
                        peak > 0 ? "Power at " + sensor + " well above its usual level" : "",
                        peak > 0 ? new String[] {line(s)} : new String[0]));
                }
            }
        }
        if (anyTraffic) {
            List<String> lines = new ArrayList<>(incidentLines);
            if (incident > 0) {
                corroboration.forEach(c -> lines.add(c + " (environment)"));
            }
            Severity sev = incidentSensors >= 2 || (incident > 0 && !corroboration.isEmpty()) ? Severity.CRITICAL : Severity.WARNING;
            String summary = incident == 0 ? ""
                : "Traffic incident in " + districtId + (corroboration.isEmpty() ? "" : ", confirmed by environment sensors");
            out.add(new Evidence(AlertKind.TRAFFIC_INCIDENT, districtId, incident, false, sev, summary, lines.toArray(String[]::new)));
        }
        if (anyParticulates) {
            double score = worstBand == null ? 0 : 1;
            Severity sev = worstBand == AirQualityBand.VERY_BAD ? Severity.CRITICAL : Severity.WARNING;
            out.add(new Evidence(AlertKind.AIR_QUALITY, districtId, score, false, sev,
                worstBand == null ? "" : "Particulates " + worstBand.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " in " + districtId, airLines.toArray(String[]::new)));
        }
        return out;
    }

    private double directional(double z, int sign) {
        return directional(z, sign, settings.incidentZ());
    }

    private double directional(double z, int sign, double from) {
        if (Double.isNaN(z)) {
            return 0;
        }
        return JudgeSettings.clamp((sign * z - from) / (settings.saturationZ() - settings.residualZ()));
    }

    private static double secondLargest(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.max(Math.min(a, c), Math.min(b, c)));
    }

    private static String line(AnomalyScore s) {
        return String.format(Locale.ROOT, "%s %s %+.1fσ (%s vs %s expected)", s.sensorId(), s.metric(), s.z(),
            fmt(s.value()), fmt(s.expected()));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%.4g", v);
    }

    /**
     * A sensor that reports several metrics and freezes freezes them all: one of its metrics
     * repeating alone while the others move is the world holding still (occupancy saturated in a
     * standstill queue, a count steady at capacity), not a stuck sensor.
     */
    static boolean stuckConfirmed(int metricsReported, int stuckMetrics) {
        return stuckMetrics >= Math.min(MIN_FAULTY_METRICS, metricsReported);
    }

    /**
     * A broken reading corrupts the whole message, so a sensor with several metrics spikes in at
     * least two of them at once. A single-metric series has no such witness: its spike must then
     * also go past {@link #SINGLE_METRIC_SPIKE_OVER_PEAK} times the highest value the series showed
     * lately (PV output back after a cloud or an outage jumps far, but not past its own peak).
     */
    static boolean spikeConfirmed(AnomalyScore s, int metricsReported, int spikingMetrics) {
        if (metricsReported >= MIN_FAULTY_METRICS) {
            return spikingMetrics >= MIN_FAULTY_METRICS;
        }
        return !Double.isNaN(s.peak()) && s.value() > SINGLE_METRIC_SPIKE_OVER_PEAK * s.peak();
    }
}
