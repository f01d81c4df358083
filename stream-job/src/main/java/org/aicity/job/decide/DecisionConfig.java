package org.aicity.job.decide;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * The thresholds of the decision rules for one city, read from {@code rules/<city>.json} on the
 * classpath (or {@link #defaults()} when there is none). Every field is optional in the file.
 *
 * @param occupancyAbove       a district's forecast mean road occupancy (0..1) at or above this is congestion
 * @param congestionHorizon    the forecast horizon (minutes) the congestion rule looks at
 * @param greenExtensionSeconds how much green time to add per cycle on a congested corridor
 * @param peakKw               a district's forecast mean meter load (kW) at or above this is a peak; per district,
 *                             with key {@code default} for the others
 * @param dischargeHorizon     a peak forecast this many minutes ahead (or sooner) recommends discharging storage
 * @param shiftHorizon         a peak forecast this many minutes ahead recommends shifting flexible load
 * @param pm25Above            forecast PM2.5 (µg/m³) at or above this recommends an advisory (36: the Korean "bad" band)
 * @param pm10Above            forecast PM10 (µg/m³) at or above this recommends an advisory (81: "bad")
 * @param airQualityHorizon    the forecast horizon (minutes) of the advisory rule
 * @param validity             how long a recommendation stands; it is issued again if still warranted then
 */
public record DecisionConfig(double occupancyAbove, int congestionHorizon, int greenExtensionSeconds, Map<String, Double> peakKw,
                             int dischargeHorizon, int shiftHorizon, double pm25Above, double pm10Above, int airQualityHorizon,
                             Duration validity) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public DecisionConfig {
        peakKw = peakKw == null ? Map.of() : Map.copyOf(peakKw);
        if (!(occupancyAbove > 0 && occupancyAbove <= 1)) {
            throw new IllegalArgumentException("occupancyAbove must be in (0, 1], was " + occupancyAbove);
        }
        for (int h : new int[] {congestionHorizon, dischargeHorizon, shiftHorizon, airQualityHorizon}) {
            if (h != 15 && h != 30 && h != 60) {
                throw new IllegalArgumentException("horizons are 15, 30 or 60 minutes, was " + h);
            }
        }
        if (greenExtensionSeconds <= 0 || pm25Above <= 0 || pm10Above <= 0 || validity == null || validity.isNegative()
            || validity.isZero()) {
            throw new IllegalArgumentException("greenExtensionSeconds, pm25Above, pm10Above and validity must be positive");
        }
    }

    public static DecisionConfig defaults() {
        // no load threshold fits every city: without one, only an open ENERGY_PEAK alert recommends discharging
        return new DecisionConfig(0.30, 30, 15, Map.of(), 30, 60, 36, 81, 60, Duration.ofMinutes(30));
    }

    /** The peak threshold of a district. */
    double peakKwOf(String districtId) {
        return peakKw.getOrDefault(districtId, peakKw.getOrDefault("default", Double.POSITIVE_INFINITY));
    }

    /** The city's rules file from the classpath, or the defaults when it has none. */
    public static DecisionConfig forCity(String cityId) {
        try (InputStream in = DecisionConfig.class.getResourceAsStream("/rules/" + cityId + ".json")) {
            return in == null ? defaults() : read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules/" + cityId + ".json", e);
        }
    }

    /** Reads a rules file; fields it leaves out keep their defaults, unknown fields are refused. */
    static DecisionConfig read(InputStream in) throws IOException {
        File f;
        try {
            f = JSON.readValue(in, File.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("rules file: " + e.getMessage(), e);
        }
        DecisionConfig d = defaults();
        return new DecisionConfig(or(f.occupancyAbove, d.occupancyAbove), or(f.congestionHorizonMinutes, d.congestionHorizon),
            or(f.greenExtensionSeconds, d.greenExtensionSeconds), f.peakKw == null ? d.peakKw : f.peakKw,
            or(f.dischargeHorizonMinutes, d.dischargeHorizon), or(f.shiftHorizonMinutes, d.shiftHorizon),
            or(f.pm25Above, d.pm25Above), or(f.pm10Above, d.pm10Above), or(f.airQualityHorizonMinutes, d.airQualityHorizon),
            f.validity == null ? d.validity : Duration.parse(f.validity));
    }

    private static <T> T or(T v, T fallback) {
        return v == null ? fallback : v;
    }

    /** The file's shape: every field optional. */
    record File(Double occupancyAbove, Integer congestionHorizonMinutes, Integer greenExtensionSeconds, Map<String, Double> peakKw,
                Integer dischargeHorizonMinutes, Integer shiftHorizonMinutes, Double pm25Above, Double pm10Above,
                Integer airQualityHorizonMinutes, String validity) {
    }
}
