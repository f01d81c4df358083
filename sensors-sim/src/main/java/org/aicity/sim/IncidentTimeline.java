package org.aicity.sim;

import org.aicity.model.CityDefinition.SensorDefinition;
import org.aicity.model.Domain;
import org.aicity.sim.incident.PlannedIncident;
import org.aicity.sim.truth.GroundTruthEvent;
import org.aicity.sim.truth.GroundTruthEvent.Change;
import org.aicity.sim.truth.GroundTruthEvent.Effect;
import org.aicity.sim.truth.GroundTruthEvent.Kind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every incident and sensor fault of a run, scheduled or random, and what each does to a sensor
 * at an instant. A pure function of the seed, the city and the schedule: random incidents are
 * drawn per hour of event time (aligned to the epoch) from a generator seeded by (seed, hour), so
 * a run sees the same incidents whatever its start, rate or batching.
 *
 * <p>Not thread-safe: the publish plan that owns it calls it from one thread.
 */
final class IncidentTimeline {

    /** After an accident is cleared, the queue dissolves over this long. */
    static final Duration ACCIDENT_RECOVERY = Duration.ofMinutes(10);
    /** How far up the corridor an accident's queue reaches, in sensors, at full severity. */
    static final int ACCIDENT_UPSTREAM_SENSORS = 5;
    static final int ACCIDENT_DOWNSTREAM_SENSORS = 3;
    static final double ACCIDENT_NEARBY_METRES = 600;
    /** Heatwaves and pollution episodes build up and die down over this long, inside their window. */
    static final Duration AREA_RAMP = Duration.ofHours(1);
    static final double HEATWAVE_DEGREES = 8;
    static final double POLLUTION_FACTOR = 3.5;
    static final double SPIKE_FRACTION = 0.15;
    /** A drifting sensor moves this fraction of the metric's typical level per hour. */
    static final double DRIFT_PER_HOUR = 0.1;
    private static final Duration MAX_RANDOM_DURATION = Duration.ofHours(12);
    private static final long HOUR_SECONDS = 3600;

    /** An incident resolved against the city: which sensors it touches and how. */
    record Incident(String id, Kind kind, Instant start, Instant end, double severity, String district,
                    String corridor, int accidentPosition, int[] corridorSensors, Set<Integer> sensors,
                    Set<Integer> nearby, double driftSign, String source) {

        boolean activeAt(Instant t) {
            Instant until = kind == Kind.TRAFFIC_ACCIDENT ? end.plus(ACCIDENT_RECOVERY) : end;
            return !t.isBefore(start) && t.isBefore(until);
        }
    }

    /** What incidents do to one sensor at one instant. */
    record Effects(Conditions conditions, boolean dropout, Incident stuck, Incident drift, Incident spikes) {
        static final Effects NONE = new Effects(Conditions.NONE, false, null, null, null);
    }

    private final CityLayout layout;
    private final long seed;
    private final double randomPerHour;
    private final List<Incident> scheduled = new ArrayList<>();
    private final Map<Long, List<Incident>> randomByHour = new HashMap<>();
    private final PriorityQueue<Incident> unreported = new PriorityQueue<>(
        Comparator.comparing(Incident::start).thenComparing(Incident::id));
    private final Instant runStart;
    private long nextHourToReport;
    private int scheduledReported;
    private final Set<String> reported = new HashSet<>();

    IncidentTimeline(CityLayout layout, long seed, List<PlannedIncident> planned, double randomPerHour, Instant runStart) {
        this.layout = layout;
        this.seed = seed;
        this.randomPerHour = randomPerHour;
        this.runStart = runStart;
        int n = 0;
        for (PlannedIncident p : planned) {
            n++;
            scheduled.add(resolve(String.format("s%04d", n), p.kind(), p.start(), p.end(), p.severity(), p.sensors(),
                p.district(), "schedule", 1));
        }
        scheduled.sort(Comparator.comparing(Incident::start));
        nextHourToReport = hourOf(runStart.minus(MAX_RANDOM_DURATION)) ;
    }

    boolean isEmpty() {
        return scheduled.isEmpty() && randomPerHour <= 0;
    }

    /** What every incident in force does to a sensor at an instant. */
    Effects effects(int sensor, Instant t) {
        if (isEmpty()) {
            return Effects.NONE;
        }
        Conditions c = Conditions.NONE;
        boolean dropout = false;
        Incident stuck = null;
        Incident drift = null;
        Incident spikes = null;
        for (Incident i : candidates(t)) {
            if (!i.activeAt(t)) {
                continue;
            }
            switch (i.kind()) {
                case TRAFFIC_ACCIDENT -> c = c.and(accident(i, sensor, t));
                case HEATWAVE -> {
                    if (inArea(i, sensor)) {
                        c = c.and(Conditions.warmer(HEATWAVE_DEGREES * i.severity() * areaRamp(i, t)));
                    }
                }
                case POLLUTION_EPISODE -> {
                    if (inArea(i, sensor)) {
                        c = c.and(Conditions.dustier(1 + (POLLUTION_FACTOR - 1) * i.severity() * areaRamp(i, t)));
                    }
                }
                case PV_OUTAGE -> {
                    if (i.sensors().contains(sensor)) {
                        c = c.and(Conditions.pv(0));
                    }
                }
                case STUCK_VALUE -> stuck = i.sensors().contains(sensor) ? i : stuck;
                case DRIFT -> drift = i.sensors().contains(sensor) ? i : drift;
                case DROPOUT -> dropout |= i.sensors().contains(sensor);
                case SPIKES -> spikes = i.sensors().contains(sensor) ? i : spikes;
                default -> {
                    // transport faults are not incidents
                }
            }
        }
        return c == Conditions.NONE && !dropout && stuck == null && drift == null && spikes == null ? Effects.NONE
            : new Effects(c, dropout, stuck, drift, spikes);
    }

    /**
     * Incidents that have started by {@code t} and were not returned before, in order of start;
     * incidents that ended before the run started are never returned.
     */
    List<Incident> startedBy(Instant t) {
        if (isEmpty()) {
            return List.of();
        }
        while (scheduledReported < scheduled.size() && !scheduled.get(scheduledReported).start().isAfter(t)) {
            unreported.add(scheduled.get(scheduledReported++));
        }
        if (randomPerHour > 0) {
            long last = hourOf(t);
            for (; nextHourToReport <= last; nextHourToReport++) {
                unreported.addAll(random(nextHourToReport));
            }
        }
        List<Incident> out = new ArrayList<>();
        while (!unreported.isEmpty() && !unreported.peek().start().isAfter(t)) {
            Incident i = unreported.poll();
            if (i.end().isAfter(runStart) && reported.add(i.id())) {
                out.add(i);
            }
        }
        return out;
    }

    private List<Incident> candidates(Instant t) {
        if (randomPerHour <= 0) {
            return scheduled;
        }
        List<Incident> out = new ArrayList<>(scheduled);
        long hour = hourOf(t);
        for (long h = hourOf(t.minus(MAX_RANDOM_DURATION).minus(ACCIDENT_RECOVERY)); h <= hour; h++) {
            out.addAll(random(h));
        }
        return out;
    }

    private Conditions accident(Incident i, int sensor, Instant t) {
        double f = i.severity() * fade(i, t);
        if (i.nearby().contains(sensor)) {
            return Conditions.roadside(1 + 0.4 * f, -3 * f);
        }
        int position = positionOn(i, sensor);
        if (position < 0) {
            return Conditions.NONE;
        }
        int d = i.accidentPosition() - position;
        if (d == 0) {
            return Conditions.traffic(1 - 0.75 * f, 1 - 0.6 * f, 0.35 * f);
        }
        if (d > 0 && d <= upstreamReach(i)) {
            // the queue reaches this sensor d growth steps after the accident, then fills it over one step
            double since = Duration.between(i.start(), t).toMillis() - d * SignalModel.QUEUE_GROWTH_PER_SENSOR.toMillis();
            double g = f * clamp(since / SignalModel.QUEUE_GROWTH_PER_SENSOR.toMillis(), 0, 1);
            return Conditions.traffic(1 - (0.65 - 0.07 * d) * g, 1 - (0.45 - 0.05 * d) * g, (0.4 - 0.05 * d) * g);
        }
        if (d < 0 && -d <= ACCIDENT_DOWNSTREAM_SENSORS) {
            return Conditions.traffic(1 + 0.1 * f, 1 - 0.5 * f, 0);
        }
        return Conditions.NONE;
    }

    private static int upstreamReach(Incident i) {
        return Math.max(1, (int) Math.round(ACCIDENT_UPSTREAM_SENSORS * i.severity()));
    }

    private int positionOn(Incident i, int sensor) {
        CityLayout.Place p = layout.place(sensor);
        return i.corridor().equals(p.corridor()) ? p.position() : -1;
    }

    /** 1 while the accident lasts, then down to 0 over the recovery. */
    private static double fade(Incident i, Instant t) {
        if (t.isBefore(i.end())) {
            return 1;
        }
        return clamp(1 - (double) Duration.between(i.end(), t).toMillis() / ACCIDENT_RECOVERY.toMillis(), 0, 1);
    }

    /** Up over the first {@link #AREA_RAMP} (or a quarter of a short event), down over the last. */
    private static double areaRamp(Incident i, Instant t) {
        long total = Duration.between(i.start(), i.end()).toMillis();
        long ramp = Math.min(AREA_RAMP.toMillis(), total / 4);
        long in = Duration.between(i.start(), t).toMillis();
        long left = Duration.between(t, i.end()).toMillis();
        return ramp == 0 ? 1 : clamp(Math.min(in, left) / (double) ramp, 0, 1);
    }

    private boolean inArea(Incident i, int sensor) {
        return i.district() == null || i.district().equals(layout.sensor(sensor).district());
    }

    private List<Incident> random(long hour) {
        return randomByHour.computeIfAbsent(hour, this::draw);
    }

    /** The random incidents starting in one hour of event time. */
    private List<Incident> draw(long hour) {
        SplittableRandom r = new SplittableRandom(SignalModel.mix(seed ^ 0x1c1de47L, hour));
        int count = poisson(r, randomPerHour);
        List<Incident> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Kind kind = randomKind(r.nextDouble());
            Instant start = Instant.ofEpochSecond(hour * HOUR_SECONDS + r.nextLong(HOUR_SECONDS));
            Duration length = randomDuration(kind, r);
            double severity = 0.6 + 0.4 * r.nextDouble();
            List<String> sensors = new ArrayList<>();
            String district = null;
            switch (kind) {
                case TRAFFIC_ACCIDENT -> {
                    int s = pick(r, i -> layout.place(i).corridor() != null);
                    if (s < 0) {
                        continue;
                    }
                    sensors.add(layout.sensor(s).id());
                }
                case PV_OUTAGE -> {
                    int s = pick(r, i -> layout.sensor(i).metrics().contains("generatedPower"));
                    if (s < 0) {
                        continue;
                    }
                    sensors.add(layout.sensor(s).id());
                }
                case HEATWAVE, POLLUTION_EPISODE -> {
                    List<org.aicity.model.CityDefinition.District> ds = layout.city().districts();
                    district = ds.isEmpty() || r.nextDouble() < 0.3 ? null : ds.get(r.nextInt(ds.size())).id();
                }
                default -> sensors.add(layout.sensor(r.nextInt(layout.size())).id());
            }
            Instant end = start.plus(length);
            String id = "r" + hour + "-" + (k + 1);
            out.add(resolve(id, kind, start, end, severity, sensors, district, "random", r.nextBoolean() ? 1 : -1));
        }
        return List.copyOf(out);
    }

    private int pick(SplittableRandom r, java.util.function.IntPredicate eligible) {
        int n = layout.size();
        int from = r.nextInt(n);
        for (int k = 0; k < n; k++) {
            int i = (from + k) % n;
            if (eligible.test(i)) {
                return i;
            }
        }
        return -1;
    }

    private static Kind randomKind(double u) {
        double[] weights = {0.30, 0.08, 0.10, 0.12, 0.10, 0.10, 0.10, 0.10};
        Kind[] kinds = {Kind.TRAFFIC_ACCIDENT, Kind.HEATWAVE, Kind.POLLUTION_EPISODE, Kind.PV_OUTAGE,
            Kind.STUCK_VALUE, Kind.DRIFT, Kind.DROPOUT, Kind.SPIKES};
        double acc = 0;
        for (int i = 0; i < kinds.length; i++) {
            acc += weights[i];
            if (u < acc) {
                return kinds[i];
            }
        }
        return Kind.SPIKES;
    }

    private static Duration randomDuration(Kind kind, SplittableRandom r) {
        long minutes = switch (kind) {
            case TRAFFIC_ACCIDENT -> 20 + r.nextLong(41);
            case HEATWAVE -> 6 * 60 + r.nextLong(6 * 60 + 1);
            case POLLUTION_EPISODE -> 4 * 60 + r.nextLong(8 * 60 + 1);
            case PV_OUTAGE -> 60 + r.nextLong(180);
            case STUCK_VALUE -> 30 + r.nextLong(91);
            case DRIFT -> 2 * 60 + r.nextLong(4 * 60 + 1);
            case DROPOUT -> 10 + r.nextLong(51);
            default -> 30 + r.nextLong(61);
        };
        return Duration.ofMinutes(minutes);
    }

    private static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = r.nextDouble();
        while (p > l && k < 1_000) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    private Incident resolve(String id, Kind kind, Instant start, Instant end, double severity, List<String> sensorIds,
                             String district, String source, double driftSign) {
        Set<Integer> sensors = new TreeSet<>();
        for (String s : sensorIds) {
            Integer i = layout.indexOf(s);
            if (i == null) {
                throw new IllegalArgumentException(kind.wireName() + " " + id + " names sensor '" + s + "', which city "
                    + layout.city().id() + " does not have");
            }
            sensors.add(i);
        }
        if (district != null && layout.city().districts().stream().noneMatch(d -> d.id().equals(district))) {
            throw new IllegalArgumentException(kind.wireName() + " " + id + " covers district '" + district
                + "', which city " + layout.city().id() + " does not have");
        }
        if (kind == Kind.TRAFFIC_ACCIDENT) {
            int at = sensors.iterator().next();
            CityLayout.Place p = layout.place(at);
            if (p.corridor() == null) {
                throw new IllegalArgumentException("traffic-accident " + id + " at " + layout.sensor(at).id()
                    + ": that sensor is on no corridor of the city definition");
            }
            int[] corridor = layout.corridor(p.corridor());
            Set<Integer> nearby = new HashSet<>();
            SensorDefinition site = layout.sensor(at);
            for (int i = 0; i < layout.size(); i++) {
                SensorDefinition s = layout.sensor(i);
                if (s.domain() == Domain.ENVIRONMENT && (s.metrics().contains("no2") || s.metrics().contains("LAeq"))
                    && CityLayout.metres(s, site) <= ACCIDENT_NEARBY_METRES) {
                    nearby.add(i);
                }
            }
            return new Incident(id, kind, start, end, severity, site.district(), p.corridor(), p.position(), corridor,
                Set.copyOf(sensors), Set.copyOf(nearby), driftSign, source);
        }
        if (kind == Kind.PV_OUTAGE) {
            for (int i : sensors) {
                if (!layout.sensor(i).metrics().contains("generatedPower")) {
                    throw new IllegalArgumentException("pv-outage " + id + " names " + layout.sensor(i).id()
                        + ", which reports no generatedPower");
                }
            }
        }
        return new Incident(id, kind, start, end, severity, district, null, -1, null, Set.copyOf(sensors), Set.of(),
            driftSign, source);
    }

    /**
     * The ground-truth line of an incident.
     *
     * @param stuckValues the values a stuck sensor repeats, by sensor index (only for stuck-value)
     */
    GroundTruthEvent truth(Incident i, SignalModel model, java.util.function.IntFunction<Map<String, Double>> stuckValues) {
        List<Effect> effects = new ArrayList<>();
        Set<String> affected = new TreeSet<>();
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("source", i.source());
        detail.put("severity", String.format(java.util.Locale.ROOT, "%.2f", i.severity()));
        double f = i.severity();
        switch (i.kind()) {
            case TRAFFIC_ACCIDENT -> {
                int[] c = i.corridorSensors();
                int a = i.accidentPosition();
                List<String> at = List.of(id(c[a]));
                List<String> upstream = new ArrayList<>();
                for (int d = 1; d <= upstreamReach(i) && a - d >= 0; d++) {
                    upstream.add(id(c[a - d]));
                }
                List<String> downstream = new ArrayList<>();
                for (int d = 1; d <= ACCIDENT_DOWNSTREAM_SENSORS && a + d < c.length; d++) {
                    downstream.add(id(c[a + d]));
                }
                effects.add(new Effect("averageVehicleSpeed", Change.DECREASE, at, 1 - 0.75 * f, null, null));
                effects.add(new Effect("intensity", Change.DECREASE, at, 1 - 0.6 * f, null, null));
                effects.add(new Effect("occupancy", Change.INCREASE, at, null, 0.35 * f, null));
                if (!upstream.isEmpty()) {
                    effects.add(new Effect("averageVehicleSpeed", Change.DECREASE, upstream, null, null, null));
                    effects.add(new Effect("intensity", Change.DECREASE, upstream, null, null, null));
                    effects.add(new Effect("occupancy", Change.INCREASE, upstream, null, null, null));
                }
                if (!downstream.isEmpty()) {
                    effects.add(new Effect("intensity", Change.DECREASE, downstream, 1 - 0.5 * f, null, null));
                }
                List<String> no2 = i.nearby().stream().filter(s -> layout.sensor(s).metrics().contains("no2")).map(this::id).sorted().toList();
                List<String> noise = i.nearby().stream().filter(s -> layout.sensor(s).metrics().contains("LAeq")).map(this::id).sorted().toList();
                if (!no2.isEmpty()) {
                    effects.add(new Effect("no2", Change.INCREASE, no2, 1 + 0.4 * f, null, null));
                }
                if (!noise.isEmpty()) {
                    effects.add(new Effect("LAeq", Change.DECREASE, noise, null, -3 * f, null));
                }
                affected.addAll(at);
                affected.addAll(upstream);
                affected.addAll(downstream);
                affected.addAll(no2);
                affected.addAll(noise);
                detail.put("segment", layout.place(c[a]).segment());
                detail.put("at", id(c[a]));
                detail.put("upstream", String.join(" ", upstream));
                detail.put("recovery", ACCIDENT_RECOVERY.toString());
            }
            case HEATWAVE -> {
                effects.add(new Effect("temperature", Change.INCREASE, List.of(), null, HEATWAVE_DEGREES * f, null));
                effects.add(new Effect("activePower", Change.INCREASE, List.of(), null, null, null));
                detail.put("ramp", AREA_RAMP.toString());
            }
            case POLLUTION_EPISODE -> {
                effects.add(new Effect("pm25", Change.INCREASE, List.of(), 1 + (POLLUTION_FACTOR - 1) * f, null, null));
                effects.add(new Effect("pm10", Change.INCREASE, List.of(), 1 + (POLLUTION_FACTOR - 1) * f, null, null));
                detail.put("ramp", AREA_RAMP.toString());
            }
            case PV_OUTAGE -> {
                List<String> ids = ids(i.sensors());
                effects.add(new Effect("generatedPower", Change.DECREASE, ids, 0.0, null, null));
                affected.addAll(ids);
            }
            case STUCK_VALUE -> {
                for (int s : i.sensors()) {
                    stuckValues.apply(s).forEach((metric, v) ->
                        effects.add(new Effect(metric, Change.STUCK, List.of(id(s)), null, null, v)));
                    affected.add(id(s));
                }
            }
            case DRIFT -> {
                for (int s : i.sensors()) {
                    SensorDefinition d = layout.sensor(s);
                    for (String metric : d.metrics()) {
                        effects.add(new Effect(metric, Change.DRIFT, List.of(d.id()), null,
                            driftPerHour(i, model, d, metric), null));
                    }
                    affected.add(d.id());
                }
            }
            case DROPOUT, SPIKES -> {
                Map<String, List<String>> byMetric = new TreeMap<>();
                for (int s : i.sensors()) {
                    for (String metric : layout.sensor(s).metrics()) {
                        byMetric.computeIfAbsent(metric, m -> new ArrayList<>()).add(id(s));
                    }
                    affected.add(id(s));
                }
                Change change = i.kind() == Kind.DROPOUT ? Change.MISSING : Change.SPIKES;
                byMetric.forEach((metric, ids) -> effects.add(new Effect(metric, change, ids, null, null, null)));
                if (i.kind() == Kind.SPIKES) {
                    detail.put("fraction", Double.toString(SPIKE_FRACTION));
                }
            }
            default -> throw new IllegalStateException("not an incident: " + i.kind());
        }
        return new GroundTruthEvent(i.id(), i.kind(), layout.city().id(), i.district(), i.corridor(), List.copyOf(affected),
            i.start(), i.end(), effects, detail);
    }

    static double driftPerHour(Incident i, SignalModel model, SensorDefinition sensor, String metric) {
        return i.driftSign() * DRIFT_PER_HOUR * i.severity() * model.typicalLevel(sensor, metric);
    }

    private String id(int sensor) {
        return layout.sensor(sensor).id();
    }

    private List<String> ids(Set<Integer> sensors) {
        return sensors.stream().map(this::id).sorted().toList();
    }

    private static long hourOf(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), HOUR_SECONDS);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
