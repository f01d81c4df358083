package org.aicity.sim;

import org.aicity.model.CityDefinition.SensorDefinition;
import org.aicity.model.MetricCatalogue;
import org.aicity.model.MetricSpec;
import org.aicity.model.MetricValues;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

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
    static final Set<String> MODELLED = Arrays.stream(Metric.values()).map(m -> m.metricName)
        .collect(Collectors.toUnmodifiableSet());

    static final String SUBSTATION_KIND = "substation-feeder";
    static final String PLANT_KIND = "plant-meter";
    /** Load profiles a site may name; see {@link #activity(String, LocalDays.Moment)}. */
    static final Set<String> LOAD_PROFILES = Set.of("office", "residential", "commercial", "campus", "hospital", "venue",
        "industrial-steady");

    /** How long a queue takes to grow by one sensor spacing up a corridor. */
    static final Duration QUEUE_GROWTH_PER_SENSOR = Duration.ofMinutes(2);

    private static final double TAU = 2 * Math.PI;

    private static final LocalDays UTC_DAYS = new LocalDays(ZoneOffset.UTC);

    private final long seed;
    private final LocalDays localDays;
    private final CityLayout layout;
    private final MetricCatalogue catalogue = MetricCatalogue.standard();
    /** A cache only: traits are a function of (seed, sensor id). */
    private final Map<String, Traits> traitsBySensor = new ConcurrentHashMap<>();
    private volatile WeatherDays weatherDays = new WeatherDays(Long.MIN_VALUE, null, null);

    /** A model that knows nothing of the city's corridors and sites: every sensor stands alone. */
    SignalModel(long seed, ZoneId zone) {
        this(seed, zone, null);
    }

    SignalModel(long seed, CityLayout layout) {
        this(seed, ZoneId.of(layout.city().timezone()), layout);
    }

    private SignalModel(long seed, ZoneId zone, CityLayout layout) {
        this.seed = seed;
        this.localDays = new LocalDays(zone);
        this.layout = layout;
    }

    /** The values of every metric the sensor reports, in the order of its definition, with no incident. */
    Map<String, Double> metrics(SensorDefinition sensor, Instant t, long seq) {
        return metrics(sensor, t, seq, Conditions.NONE);
    }

    /** The values of every metric the sensor reports, in the order of its definition, under the given conditions. */
    Map<String, Double> metrics(SensorDefinition sensor, Instant t, long seq, Conditions c) {
        LocalDays.Moment local = localDays.at(t);
        Traits traits = traits(sensor);
        long sensorKey = traits.sensorKey;
        CityLayout.Place place = traits.place;
        MetricPlan plan = plan(sensor, traits);
        Noise noise = new Noise(new SplittableRandom(mix(sensorKey, seq)), traits.noiseScale);
        Weather weather = weather(local);
        double demand = trafficDemand(local);
        double temperature = airTemperature(local, weather) + c.temperatureShift() + traits.siteTemperatureOffset;
        double localTraffic = demand * (place.roadside() ? 1.25 : 1);

        Metric[] metrics = plan.metrics;
        double[] values = new double[metrics.length];
        // traffic values are computed together so that occupancy, speed and intensity agree
        double roadDemand = clamp(demand * traits.roadDemandScale * (1 + 0.05 * noise.next()), 0, 1);
        double congestion = place.corridor() == null ? 0 : congestion(place, t, demand);
        double occupancy = clamp(0.02 + 0.55 * Math.pow(roadDemand, 1.6) + 0.3 * congestion + c.occupancyAdd()
            + 0.01 * noise.next(), 0, 0.98);
        double freeFlow = Double.isNaN(place.speedLimitKmh()) ? traits.freeFlowSpeed
            : place.speedLimitKmh() * (0.85 + 0.25 * traits.unit);
        double power = Double.NaN;
        for (int i = 0; i < metrics.length; i++) {
            double v = switch (metrics[i]) {
                case INTENSITY -> {
                    double mean = traits.capacityPerMinute * roadDemand * (1 - 0.3 * congestion) * c.intensityFactor();
                    yield Math.rint(mean + Math.sqrt(mean) * noise.next()) * traits.bias;
                }
                case OCCUPANCY -> occupancy;
                case AVERAGE_VEHICLE_SPEED -> (freeFlow * (1 - 0.9 * Math.pow(occupancy, 1.2)) * c.speedFactor()
                    + 2 * noise.next()) * traits.bias;
                case LAEQ -> (42 + 8 * Math.log10(1 + 60 * localTraffic) + traits.noiseOffset + c.noiseShift()
                    + 1.5 * noise.next());
                case TEMPERATURE -> SUBSTATION_KIND.equals(sensor.kind())
                    // air inside the substation: outdoor air warmed by the transformers
                    ? temperature + 3 + 6 * Math.min(1.2, substationLoad(local, demand, temperature, place)) + 0.3 * noise.next()
                    : temperature + 0.15 * noise.next();
                case RELATIVE_HUMIDITY -> 0.62 + 0.12 * summerness(local) + weather.humidityShift
                    - 0.035 * (temperature - dailyMeanTemperature(local, weather)) + 0.02 * noise.next();
                case PM25 -> pm25(local, weather, demand) * c.pmFactor() * traits.pmScale * (1 + 0.08 * noise.next());
                case PM10 -> pm25(local, weather, demand) * c.pmFactor() * traits.pmScale * traits.pm10Ratio
                    * (1 + 0.08 * noise.next());
                case NO2 -> (no2(localTraffic, weather, traits) * c.no2Factor() + 3 * noise.next()) * traits.bias;
                case O3 -> 25 + 90 * sunFactor(sensor, t) * weather.clearness * clamp((temperature + 5) / 30, 0.2, 1.3)
                    - 0.25 * (no2(localTraffic, weather, traits) - 12) + 4 * noise.next();
                case CO -> (350 + 450 * localTraffic * traits.roadDemandScale + 40 * noise.next()) * traits.bias;
                case ACTIVE_POWER -> {
                    power = power(sensor, place, local, demand, temperature, traits);
                    yield power * (1 + 0.03 * noise.next()) * traits.bias;
                }
                case GENERATED_POWER -> {
                    double sun = sunFactor(sensor, t);
                    // exactly zero at night: multiplicative noise keeps it there
                    yield sun <= 0 ? 0 : pvPeakKw(place, traits) * 0.85 * Math.pow(sun, 1.15)
                        * transmittance(local, weather) * c.pvFactor() * (1 + 0.03 * noise.next()) * traits.bias;
                }
            };
            values[i] = metrics[i].round(clamp(v, plan.min[i], plan.max[i]));
        }
        return MetricValues.of(plan.names.clone(), values);
    }

    /**
     * A metric's usual magnitude at this sensor: the scale of drifts and spikes. For power, the
     * sensor's rated capacity; for other metrics a typical city value.
     */
    double typicalLevel(SensorDefinition sensor, String metric) {
        Traits traits = traits(sensor);
        CityLayout.Place place = traits.place;
        return switch (metric) {
            case "intensity" -> traits.capacityPerMinute * 0.5;
            case "occupancy" -> 0.15;
            case "averageVehicleSpeed" -> 45;
            case "pm25" -> 20;
            case "pm10" -> 40;
            case "no2", "o3" -> 35;
            case "co" -> 500;
            case "temperature" -> 15;
            case "relativeHumidity" -> 0.6;
            case "LAeq" -> 55;
            case "activePower" -> place.site() != null && place.site().capacityKw() != null ? place.site().capacityKw()
                : SUBSTATION_KIND.equals(sensor.kind()) ? traits.substationBaseKw : traits.buildingBaseKw;
            case "generatedPower" -> pvPeakKw(place, traits);
            default -> 1;
        };
    }

    private Traits traits(SensorDefinition sensor) {
        return traitsBySensor.computeIfAbsent(sensor.id(), id -> {
            long sensorKey = mix(seed, hash(id));
            CityLayout.Place place = layout == null ? CityLayout.Place.NONE : layout.place(sensor);
            return new Traits(sensorKey, new SplittableRandom(mix(sensorKey, 0x7ea175L)), place);
        });
    }

    /** The sensor's metrics resolved against the model and the catalogue, kept while its list of metrics is the same. */
    private MetricPlan plan(SensorDefinition sensor, Traits traits) {
        MetricPlan plan = traits.plan;
        if (plan == null || plan.source != sensor.metrics()) {
            plan = MetricPlan.of(sensor, catalogue);
            traits.plan = plan;
        }
        return plan;
    }

    /**
     * A sensor's metrics in the order of its definition, each with its model and its range: looked
     * up once per sensor instead of by name for every value (a string switch, a catalogue lookup and
     * a second switch for the rounding were about a tenth of the simulator's publishing thread).
     *
     * @param source the sensor's list of metrics this plan was made from (compared by identity)
     */
    private record MetricPlan(List<String> source, String[] names, Metric[] metrics, double[] min, double[] max) {
        static MetricPlan of(SensorDefinition sensor, MetricCatalogue catalogue) {
            String[] names = sensor.metrics().toArray(String[]::new);
            Metric[] metrics = new Metric[names.length];
            double[] min = new double[names.length];
            double[] max = new double[names.length];
            for (int i = 0; i < names.length; i++) {
                metrics[i] = Metric.named(names[i], sensor);
                MetricSpec spec = catalogue.get(names[i]);
                if (spec == null) {
                    throw new IllegalArgumentException("metric " + names[i] + " is not in the metric catalogue");
                }
                min[i] = spec.min();
                max[i] = spec.max();
            }
            return new MetricPlan(sensor.metrics(), names, metrics, min, max);
        }
    }

    /** The metrics this model produces, each with the resolution a real sensor reports it to. */
    private enum Metric {
        INTENSITY("intensity", -1), OCCUPANCY("occupancy", 3), AVERAGE_VEHICLE_SPEED("averageVehicleSpeed", 1),
        PM25("pm25", 1), PM10("pm10", 1), NO2("no2", 1), O3("o3", 1), CO("co", -1), TEMPERATURE("temperature", 2),
        RELATIVE_HUMIDITY("relativeHumidity", 3), LAEQ("LAeq", 1), ACTIVE_POWER("activePower", 1),
        GENERATED_POWER("generatedPower", 1);

        private final String metricName;
        /** Decimals kept; -1 for a whole number. */
        private final int decimals;

        Metric(String metricName, int decimals) {
            this.metricName = metricName;
            this.decimals = decimals;
        }

        static Metric named(String name, SensorDefinition sensor) {
            for (Metric m : values()) {
                if (m.metricName.equals(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("no signal model for metric " + name + " of sensor " + sensor.id());
        }

        /** To the resolution a real sensor reports. */
        double round(double v) {
            return decimals < 0 ? Math.rint(v) : SignalModel.round(v, decimals);
        }
    }

    /**
     * Recurrent congestion on a corridor: when city demand passes the corridor's capacity, a queue
     * starts at the downstream end and grows upstream, one sensor spacing per
     * {@link #QUEUE_GROWTH_PER_SENSOR}; it is thinner the further upstream. 0 (free flow) to 1.
     */
    private double congestion(CityLayout.Place place, Instant t, double demandNow) {
        int d = place.downstreamDistance();
        // at the downstream end the queue's time is now, whose demand the caller has already;
        // minusMillis, not Duration.multipliedBy, which goes through BigDecimal (6 % of the simulator's thread)
        double demandThen = d == 0 ? demandNow : trafficDemand(localDays.at(t.minusMillis(QUEUE_GROWTH_PER_SENSOR.toMillis() * d)));
        double excess = clamp((demandThen - 0.72) / 0.28, 0, 1);
        return clamp(excess * 1.2 - 0.07 * d, 0, 1);
    }

    private static double power(SensorDefinition sensor, CityLayout.Place place, LocalDays.Moment local, double demand,
                                double temperature, Traits traits) {
        if (SUBSTATION_KIND.equals(sensor.kind())) {
            double base = place.site() != null && place.site().capacityKw() != null ? place.site().capacityKw()
                : traits.substationBaseKw;
            return base * substationLoad(local, demand, temperature, place);
        }
        String profile = profile(sensor, place);
        if (place.site() == null || place.site().capacityKw() == null) {
            return PLANT_KIND.equals(sensor.kind()) ? traits.buildingBaseKw * 40 * plantLoad(temperature)
                : buildingPower(local, temperature, traits.buildingBaseKw, profile);
        }
        double capacity = place.site().capacityKw();
        return "industrial-steady".equals(profile) ? capacity * plantLoad(temperature)
            : buildingPower(local, temperature, capacity * 0.8, profile);
    }

    private static String profile(SensorDefinition sensor, CityLayout.Place place) {
        if (place.site() != null && place.site().loadProfile() != null) {
            return place.site().loadProfile();
        }
        return PLANT_KIND.equals(sensor.kind()) ? "industrial-steady" : "office";
    }

    /** A biologics plant: heavy and steady around the clock, its cooling following the outdoor temperature. */
    private static double plantLoad(double temperature) {
        return 0.88 + 0.012 * Math.max(0, temperature - 16);
    }

    private static double pvPeakKw(CityLayout.Place place, Traits traits) {
        return place.site() != null && place.site().capacityKw() != null ? place.site().capacityKw() : traits.pvPeakKw;
    }

    /**
     * Sunlight let through, 0..1: the day's cloudiness and, on a partly cloudy day, clouds passing
     * over in bursts of a quarter of an hour.
     */
    private double transmittance(LocalDays.Moment local, Weather w) {
        double quarter = local.epochSecond() / 900.0;
        long q = (long) Math.floor(quarter);
        double f = quarter - q;
        double a = new SplittableRandom(mix(seed ^ 0xc10dL, q)).nextDouble();
        double b = new SplittableRandom(mix(seed ^ 0xc10dL, q + 1)).nextDouble();
        double passing = lerp(a, b, f);
        double cloudiness = 1 - w.clearness;
        return clamp(w.clearness + cloudiness * 0.5 * (passing - 0.5), 0.05, 1);
    }

    /** Gaussian noise scaled by the sensor's own noisiness. */
    private record Noise(SplittableRandom random, double scale) {
        double next() {
            return random.nextGaussian() * scale;
        }
    }

    /**
     * City-wide road demand, 0..1: a weekday double rush hour (07:30–09:30 and 17:30–19:30 local
     * time) over a daytime plateau, and quieter weekends with a broad afternoon hump.
     */
    static double trafficDemand(LocalDays.Moment local) {
        double h = local.hourOfDay();
        if (local.weekend()) {
            double day = logistic((h - 9) * 1.8) * logistic((22.5 - h) * 1.5);
            return clamp(0.05 + 0.40 * day + 0.15 * window(h, 15, 4), 0, 1);
        }
        double day = logistic((h - 6.5) * 2.5) * logistic((22 - h) * 1.5);
        return clamp(0.05 + 0.45 * day + 0.5 * window(h, 8.5, 1.2) + 0.5 * window(h, 18.5, 1.2), 0, 1);
    }

    /** Fraction of office floor space in use, 0..1. */
    static double officeActivity(LocalDays.Moment local) {
        double h = local.hourOfDay();
        if (local.weekend()) {
            return 0.15 * logistic((h - 9) * 2) * logistic((19 - h) * 2);
        }
        return logistic((h - 7.5) * 3) * logistic((19 - h) * 2.5);
    }

    /** How busy a site is, 0..1, by its load profile. */
    static double activity(String profile, LocalDays.Moment local) {
        double h = local.hourOfDay();
        boolean weekend = local.weekend();
        return switch (profile) {
            case "residential" -> clamp(0.25 + 0.45 * window(h, 7.5, 2) + 0.75 * window(h, 20.5, 3.5)
                + (weekend ? 0.3 * window(h, 13, 5) : 0.1 * window(h, 13, 5)), 0, 1);
            case "commercial" -> logistic((h - 10) * 2.5) * logistic((22 - h) * 2.5) * (weekend ? 1 : 0.8);
            case "campus" -> weekend ? 0.2 * logistic((h - 9) * 2) * logistic((18 - h) * 2)
                : logistic((h - 8) * 3) * logistic((21 - h) * 2);
            case "hospital" -> 0.6 + 0.4 * logistic((h - 7.5) * 3) * logistic((18 - h) * 2.5) * (weekend ? 0.5 : 1);
            case "venue" -> weekend ? logistic((h - 10) * 2) * logistic((21 - h) * 2)
                : 0.7 * logistic((h - 8.5) * 3) * logistic((19 - h) * 2);
            case "industrial-steady" -> 1;
            default -> officeActivity(local);
        };
    }

    private static double buildingPower(LocalDays.Moment local, double temperature, double baseKw, String profile) {
        double cooling = 0.035 * Math.max(0, temperature - 22);
        double heating = 0.02 * Math.max(0, 12 - temperature);
        double activity = 0.35 + 0.65 * activity(profile, local);
        return baseKw * activity * (1 + cooling + heating);
    }

    /** A substation's load as a fraction of its base: the mix it feeds by its profile, plus traffic and weather. */
    private static double substationLoad(LocalDays.Moment local, double demand, double temperature, CityLayout.Place place) {
        String profile = place.site() != null && place.site().loadProfile() != null ? place.site().loadProfile() : "office";
        if ("industrial-steady".equals(profile)) {
            return 0.82 + 0.04 * officeActivity(local) + 0.015 * Math.max(0, temperature - 16);
        }
        return 0.55 + 0.17 * activity(profile, local) + 0.08 * demand
            + 0.02 * Math.max(0, temperature - 20) + 0.01 * Math.max(0, 8 - temperature);
    }

    private static double pm25(LocalDays.Moment local, Weather w, double demand) {
        // worst in late winter and spring (yellow dust), cleanest in late summer
        double season = 17 + 9 * Math.cos(TAU * (local.dayOfYear() - 70) / 365.25);
        return season * w.pmFactor + 6 * demand;
    }

    private static double no2(double demand, Weather w, Traits traits) {
        return 12 + 50 * demand * traits.roadDemandScale + 5 * (w.pmFactor - 1);
    }

    /** Outdoor air temperature in °C: a seasonal mean, the day's weather and a daily cycle peaking mid-afternoon. */
    static double airTemperature(LocalDays.Moment local, Weather w) {
        return dailyMeanTemperature(local, w) + 4 * Math.cos(TAU * (local.hourOfDay() - 15) / 24);
    }

    private static double dailyMeanTemperature(LocalDays.Moment local, Weather w) {
        return 12.5 - 14 * Math.cos(TAU * (local.dayOfYear() - 20) / 365.25) + w.temperatureAnomaly;
    }

    private static double summerness(LocalDays.Moment local) {
        return (1 - Math.cos(TAU * (local.dayOfYear() - 20) / 365.25)) / 2;
    }

    /** Sine of the sun's elevation at the sensor, or 0 when the sun is below the horizon. */
    static double sunFactor(SensorDefinition sensor, Instant t) {
        LocalDays.Moment utc = UTC_DAYS.at(t);
        double declination = Math.toRadians(23.44) * Math.sin(TAU * (284 + utc.dayOfYear()) / 365.0);
        double solarHour = utc.hourOfDay() + sensor.lon() / 15.0;
        double hourAngle = Math.toRadians(15 * (solarHour - 12));
        double lat = Math.toRadians(sensor.lat());
        double sinElevation = Math.sin(lat) * Math.sin(declination)
            + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
        return Math.max(0, sinElevation);
    }

    /** The weather, interpolated between the day's and the next day's so that nothing jumps at midnight. */
    private Weather weather(LocalDays.Moment local) {
        long day = local.epochDay();
        double f = local.hourOfDay() / 24;
        WeatherDays days = weatherDays;
        if (days.day != day) {
            // drawn once per day, not per reading: six Gaussians that every reading of the day repeated
            days = new WeatherDays(day, Weather.of(mix(seed, day)), Weather.of(mix(seed, day + 1)));
            weatherDays = days;
        }
        Weather a = days.today;
        Weather b = days.tomorrow;
        return new Weather(lerp(a.temperatureAnomaly, b.temperatureAnomaly, f), lerp(a.clearness, b.clearness, f),
            lerp(a.pmFactor, b.pmFactor, f), lerp(a.humidityShift, b.humidityShift, f));
    }

    /** The weather of a day and of the next, drawn for the last day asked (immutable: threads may share it). */
    private record WeatherDays(long day, Weather today, Weather tomorrow) {
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
        /** The sensor's calibration error, a factor near 1. */
        final double bias;
        /** How noisy this sensor is compared to others of its kind. */
        final double noiseScale;
        final double unit;
        /** The seed of the sensor's own draws (its noise is keyed by it and the reading's seq). */
        final long sensorKey;

        /** Where the sensor stands in the city's layout: a function of its id, like the traits. */
        final CityLayout.Place place;
        /** A cache of the sensor's resolved metrics; see {@link #plan}. */
        volatile MetricPlan plan;

        Traits(long sensorKey, SplittableRandom r, CityLayout.Place place) {
            this.sensorKey = sensorKey;
            this.place = place;
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
            // drawn after the others, so that adding them kept the earlier traits of every sensor
            bias = clamp(1 + 0.02 * r.nextGaussian(), 0.94, 1.06);
            noiseScale = clamp(Math.exp(0.3 * r.nextGaussian()), 0.5, 2);
            unit = r.nextDouble();
        }
    }

    private double inRange(String metric, double v) {
        MetricSpec spec = catalogue.get(metric);
        if (spec == null) {
            throw new IllegalArgumentException("metric " + metric + " is not in the metric catalogue");
        }
        return clamp(v, spec.min(), spec.max());
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
        double scale = POWERS_OF_TEN[decimals];
        return Math.rint(v * scale) / scale;
    }

    /** What Math.pow(10, n) gives for these n, exactly (an integer power that a double holds). */
    private static final double[] POWERS_OF_TEN = {1, 10, 100, 1_000};

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
