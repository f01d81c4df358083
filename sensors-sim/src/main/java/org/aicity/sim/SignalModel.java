package org.aicity.sim;

import org.aicity.model.CityDefinition.SensorDefinition;
import org.aicity.model.MetricCatalogue;
import org.aicity.model.MetricSpec;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a sensor measures at an instant: a pure function of (seed, sensor, time, seq). Daily and
 * weekly patterns follow the city's local time.
 *
 * <p>Randomness never comes from a shared generator: a sensor's fixed traits (road capacity,
 * building size, PV peak power) come from a generator seeded by (seed, sensor id), the weather of
 * a day from (seed, date), and each reading's noise from (seed, sensor id, seq). So a reading does
 * not depend on the order in which readings are produced, on batching or on the number of
 * connections, and the same seed always yields the same readings.
 *
 * <p>The city-wide weather and traffic demand are shared by all sensors, so the domains agree:
 * rush hour raises intensity, occupancy, NO₂ and noise and lowers speed; a hot afternoon raises
 * cooling load and ozone; PV output follows the sun and the day's cloudiness.
 */
final class SignalModel {

    /** Metric names this model can produce; a city whose sensors report others is refused at configuration. */
    static final Set<String> MODELLED = Set.of("intensity", "occupancy", "averageVehicleSpeed", "pm25", "pm10",
        "no2", "o3", "co", "temperature", "relativeHumidity", "LAeq", "activePower", "generatedPower");

    static final String SUBSTATION_KIND = "substation-feeder";

    private static final double TAU = 2 * Math.PI;

    private final long seed;
    private final ZoneId zone;
    private final MetricCatalogue catalogue = MetricCatalogue.standard();
    /** A cache only: traits are a function of (seed, sensor id). */
    private final Map<String, Traits> traitsBySensor = new ConcurrentHashMap<>();

    SignalModel(long seed, ZoneId zone) {
        this.seed = seed;
        this.zone = zone;
    }

    /** The values of every metric the sensor reports, in the order of its definition. */
    Map<String, Double> metrics(SensorDefinition sensor, Instant t, long seq) {
        ZonedDateTime local = t.atZone(zone);
        long sensorKey = mix(seed, hash(sensor.id()));
        Traits traits = traitsBySensor.computeIfAbsent(sensor.id(), id -> new Traits(new SplittableRandom(mix(sensorKey, 0x7ea175L))));
        SplittableRandom noise = new SplittableRandom(mix(sensorKey, seq));
        Weather weather = weather(local);
        double demand = trafficDemand(local);
        double temperature = airTemperature(local, weather) + traits.siteTemperatureOffset;

        Map<String, Double> out = new LinkedHashMap<>();
        // traffic values are computed together so that occupancy, speed and intensity agree
        double roadDemand = clamp(demand * traits.roadDemandScale * (1 + 0.05 * noise.nextGaussian()), 0, 1);
        double occupancy = clamp(0.02 + 0.55 * Math.pow(roadDemand, 1.6) + 0.01 * noise.nextGaussian(), 0, 0.98);
        double power = Double.NaN;
        for (String metric : sensor.metrics()) {
            double v = switch (metric) {
                case "intensity" -> {
                    double mean = traits.capacityPerMinute * roadDemand;
                    yield Math.rint(mean + Math.sqrt(mean) * noise.nextGaussian());
                }
                case "occupancy" -> round(occupancy, 3);
                case "averageVehicleSpeed" -> round(traits.freeFlowSpeed * (1 - 0.9 * Math.pow(occupancy, 1.2))
                    + 2 * noise.nextGaussian(), 1);
                case "LAeq" -> round(42 + 8 * Math.log10(1 + 60 * demand) + traits.noiseOffset
                    + 1.5 * noise.nextGaussian(), 1);
                case "temperature" -> SUBSTATION_KIND.equals(sensor.kind())
                    // air inside the substation: outdoor air warmed by the transformers
                    ? round(temperature + 3 + 6 * substationLoad(local, demand, temperature, traits)
                        + 0.3 * noise.nextGaussian(), 2)
                    : round(temperature + 0.15 * noise.nextGaussian(), 2);
                case "relativeHumidity" -> round(0.62 + 0.12 * summerness(local) + weather.humidityShift
                    - 0.035 * (temperature - dailyMeanTemperature(local, weather)) + 0.02 * noise.nextGaussian(), 3);
                case "pm25" -> round(pm25(local, weather, demand) * traits.pmScale * (1 + 0.08 * noise.nextGaussian()), 1);
                case "pm10" -> round(pm25(local, weather, demand) * traits.pmScale * traits.pm10Ratio
                    * (1 + 0.08 * noise.nextGaussian()), 1);
                case "no2" -> round(no2(demand, weather, traits) + 3 * noise.nextGaussian(), 1);
                case "o3" -> round(25 + 90 * sunFactor(sensor, t) * weather.clearness * clamp((temperature + 5) / 30, 0.2, 1.3)
                    - 0.25 * (no2(demand, weather, traits) - 12) + 4 * noise.nextGaussian(), 1);
                case "co" -> round(350 + 450 * demand * traits.roadDemandScale + 40 * noise.nextGaussian(), 0);
                case "activePower" -> {
                    power = SUBSTATION_KIND.equals(sensor.kind())
                        ? traits.substationBaseKw * substationLoad(local, demand, temperature, traits)
                        : buildingPower(local, temperature, traits);
                    yield round(power * (1 + 0.03 * noise.nextGaussian()), 1);
                }
                case "generatedPower" -> {
                    double sun = sunFactor(sensor, t);
                    // exactly zero at night: multiplicative noise keeps it there
                    yield sun <= 0 ? 0 : round(traits.pvPeakKw * 0.85 * Math.pow(sun, 1.15) * weather.clearness
                        * (1 + 0.03 * noise.nextGaussian()), 1);
                }
                default -> throw new IllegalArgumentException("no signal model for metric " + metric
                    + " of sensor " + sensor.id());
            };
            out.put(metric, inRange(metric, v));
        }
        return out;
    }

    /**
     * City-wide road demand, 0..1: a weekday double rush hour (07:30–09:30 and 17:30–19:30 local
     * time) over a daytime plateau, and quieter weekends with a broad afternoon hump.
     */
    static double trafficDemand(ZonedDateTime local) {
        double h = hourOfDay(local);
        if (isWeekend(local)) {
            double day = logistic((h - 9) * 1.8) * logistic((22.5 - h) * 1.5);
            return clamp(0.05 + 0.40 * day + 0.15 * window(h, 15, 4), 0, 1);
        }
        double day = logistic((h - 6.5) * 2.5) * logistic((22 - h) * 1.5);
        return clamp(0.05 + 0.45 * day + 0.5 * window(h, 8.5, 1.2) + 0.5 * window(h, 18.5, 1.2), 0, 1);
    }

    /** Fraction of office floor space in use, 0..1. */
    static double officeActivity(ZonedDateTime local) {
        double h = hourOfDay(local);
        if (isWeekend(local)) {
            return 0.15 * logistic((h - 9) * 2) * logistic((19 - h) * 2);
        }
        return logistic((h - 7.5) * 3) * logistic((19 - h) * 2.5);
    }

    private static double buildingPower(ZonedDateTime local, double temperature, Traits traits) {
        double cooling = 0.035 * Math.max(0, temperature - 22);
        double heating = 0.02 * Math.max(0, 12 - temperature);
        double activity = 0.35 + 0.65 * officeActivity(local);
        return traits.buildingBaseKw * activity * (1 + cooling + heating);
    }

    /** A substation's load as a fraction of its base: heavy and steady (process industry), plus offices, traffic and weather. */
    private static double substationLoad(ZonedDateTime local, double demand, double temperature, Traits traits) {
        return 0.7 + 0.12 * officeActivity(local) + 0.08 * demand
            + 0.02 * Math.max(0, temperature - 20) + 0.01 * Math.max(0, 8 - temperature);
    }

    private static double pm25(ZonedDateTime local, Weather w, double demand) {
        // worst in late winter and spring (yellow dust), cleanest in late summer
        double season = 17 + 9 * Math.cos(TAU * (local.getDayOfYear() - 70) / 365.25);
        return season * w.pmFactor + 6 * demand;
    }

    private static double no2(double demand, Weather w, Traits traits) {
        return 12 + 50 * demand * traits.roadDemandScale + 5 * (w.pmFactor - 1);
    }

    /** Outdoor air temperature in °C: a seasonal mean, the day's weather and a daily cycle peaking mid-afternoon. */
    static double airTemperature(ZonedDateTime local, Weather w) {
        return dailyMeanTemperature(local, w) + 4 * Math.cos(TAU * (hourOfDay(local) - 15) / 24);
    }

    private static double dailyMeanTemperature(ZonedDateTime local, Weather w) {
        return 12.5 - 14 * Math.cos(TAU * (local.getDayOfYear() - 20) / 365.25) + w.temperatureAnomaly;
    }

    private static double summerness(ZonedDateTime local) {
        return (1 - Math.cos(TAU * (local.getDayOfYear() - 20) / 365.25)) / 2;
    }

    /** Sine of the sun's elevation at the sensor, or 0 when the sun is below the horizon. */
    static double sunFactor(SensorDefinition sensor, Instant t) {
        ZonedDateTime utc = t.atZone(ZoneOffset.UTC);
        double declination = Math.toRadians(23.44) * Math.sin(TAU * (284 + utc.getDayOfYear()) / 365.0);
        double solarHour = hourOfDay(utc) + sensor.lon() / 15.0;
        double hourAngle = Math.toRadians(15 * (solarHour - 12));
        double lat = Math.toRadians(sensor.lat());
        double sinElevation = Math.sin(lat) * Math.sin(declination)
            + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
        return Math.max(0, sinElevation);
    }

    /** The weather, interpolated between the day's and the next day's so that nothing jumps at midnight. */
    private Weather weather(ZonedDateTime local) {
        long day = local.toLocalDate().toEpochDay();
        double f = hourOfDay(local) / 24;
        Weather a = Weather.of(mix(seed, day));
        Weather b = Weather.of(mix(seed, day + 1));
        return new Weather(lerp(a.temperatureAnomaly, b.temperatureAnomaly, f), lerp(a.clearness, b.clearness, f),
            lerp(a.pmFactor, b.pmFactor, f), lerp(a.humidityShift, b.humidityShift, f));
    }

    /** The city's weather on one day; the same for every sensor. */
    record Weather(double temperatureAnomaly, double clearness, double pmFactor, double humidityShift) {
        static Weather of(long key) {
            SplittableRandom r = new SplittableRandom(key);
            return new Weather(2.5 * r.nextGaussian(), 0.25 + 0.75 * r.nextDouble(),
                Math.exp(0.45 * r.nextGaussian()), 0.05 * r.nextGaussian());
        }
    }

    /** A sensor's fixed traits; drawn in a fixed order so that adding one never shifts the others. */
    private static final class Traits {
        final double capacityPerMinute;
        final double freeFlowSpeed;
        final double roadDemandScale;
        final double noiseOffset;
        final double siteTemperatureOffset;
        final double pmScale;
        final double pm10Ratio;
        final double buildingBaseKw;
        final double substationBaseKw;
        final double pvPeakKw;

        Traits(SplittableRandom r) {
            capacityPerMinute = 30 + 60 * r.nextDouble();
            freeFlowSpeed = 50 + 30 * r.nextDouble();
            roadDemandScale = 0.7 + 0.4 * r.nextDouble();
            noiseOffset = -3 + 6 * r.nextDouble();
            siteTemperatureOffset = 0.5 * r.nextGaussian();
            pmScale = 0.85 + 0.3 * r.nextDouble();
            pm10Ratio = 1.5 + 0.6 * r.nextDouble();
            buildingBaseKw = 80 + 520 * r.nextDouble();
            substationBaseKw = 4_000 + 11_000 * r.nextDouble();
            pvPeakKw = 50 + 450 * r.nextDouble();
        }
    }

    private double inRange(String metric, double v) {
        MetricSpec spec = catalogue.find(metric).orElseThrow(() -> new IllegalArgumentException("metric " + metric
            + " is not in the metric catalogue"));
        return clamp(v, spec.min(), spec.max());
    }

    private static boolean isWeekend(ZonedDateTime local) {
        DayOfWeek d = local.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    static double hourOfDay(ZonedDateTime t) {
        return t.getHour() + t.getMinute() / 60.0 + t.getSecond() / 3600.0 + t.getNano() / 3.6e12;
    }

    /** A raised-cosine bump: 1 at the centre, 0 at centre ± halfWidth and beyond. */
    private static double window(double h, double centre, double halfWidth) {
        double x = (h - centre) / halfWidth;
        if (Math.abs(x) >= 1) {
            return 0;
        }
        double c = Math.cos(Math.PI * x / 2);
        return c * c;
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double lerp(double a, double b, double f) {
        return a + (b - a) * f;
    }

    static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.rint(v * scale) / scale;
    }

    /** FNV-1a: stable across JVMs and releases, unlike a hash code that could change. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser over two keys: nearby inputs give unrelated seeds. */
    static long mix(long a, long b) {
        long z = a * 0x9e3779b97f4a7c15L + b;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
