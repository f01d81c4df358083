package org.aicity.job.judge;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * DRIFT: a sensor whose deviation from its own seasonal profile slowly parts from its district
 * peers' (same metric, and the same kind of sensor when the district has {@link #MIN_PEERS} of
 * that kind: a plant's load answers the weather unlike an office's). Each minute, for every
 * metric with at least {@link #MIN_PEERS} sensors:
 * r = ln(value ÷ typical) per sensor (for the metrics in {@link #ADDITIVE}, whose shared changes
 * are offsets, not factors: r = (value − typical) ÷ typical level), and D = r − median(r). A
 * pollution episode multiplies every station's PM by the same factor, a heatwave adds degrees to
 * every thermometer: the peers move together and cancel in D; a drifting sensor moves alone.
 * D is smoothed over about {@link #SHORT_MINUTES} minutes and compared with how far that smoothed
 * value normally strays for this sensor (learnt over days, not while drifting): past
 * {@link #SIGMAS} times that and {@link #MIN_DRIFT} of the level it is a drift, until it falls
 * back under half, provided
 * <ul>
 *   <li>the sensor's own model has seen nothing unusual for as long;</li>
 *   <li>it is a ramp: the smoothed deviation grew in each of the last two half hours by at least
 *       1/{@link #RAMP_DIVISOR} of the limit (a local event, a plume, a change of one building's
 *       use, is a step or a bump, not a steady slope);</li>
 *   <li>for a sensor with several metrics checked, a majority of them (at least {@link #MIN_METRICS},
 *       PM2.5 and PM10 counting as one) drift the same way (a failing sensor offsets what it
 *       reports; a local queue raises occupancy and lowers speed, a warm spot raises temperature
 *       and lowers humidity, a plume raises both particulate sizes);</li>
 *   <li>it is not the mirror image of a drift that ended less than {@link #IMPRINT_MILLIS} ago:
 *       the sensor's own profile learnt the drifted values, so the repaired sensor looks off the
 *       other way at the same time of day for a while.</li>
 * </ul>
 * The reference is the sensor's profile learnt on this day type only (see
 * {@code SeasonalProfile#expected} without borrowing the other day type): on the first weekday after a weekend start, offices
 * and homes part from their weekend selves each in their own way.
 * A drift of 10 % of the level per hour is found in about one to two hours.
 */
public final class DriftCheck implements Serializable {

    static final int MIN_PEERS = 3;
    static final int MIN_METRICS = 2;
    static final Set<String> ADDITIVE = Set.of("temperature", "relativeHumidity", "LAeq");
    /** PV output parts from its peers' with every passing cloud: no peer comparison can tell a drift from weather. */
    static final Set<String> NOT_CHECKED = Set.of("generatedPower");
    /** Below this share of its typical level a value is floored for the logarithm (a road at night, PV at dusk). */
    static final double LOG_FLOOR = 0.05;
    static final double SHORT_MINUTES = 20;
    static final double VARIANCE_MINUTES = 2 * 24 * 60;
    static final long WARM_UP_MINUTES = 12 * 60;
    static final double SIGMAS = 6;
    static final double MIN_DRIFT = 0.10;
    static final int RAMP_HALF = 30;
    static final double RAMP_DIVISOR = 6;
    private static final int HISTORY = 2 * RAMP_HALF + 1;
    /** How long after a drift its mirror image is taken for the drift's imprint on the sensor's profile. */
    static final long IMPRINT_MILLIS = 7L * 24 * 3_600_000;

    /** The drift statistics of one sensor metric (public: Flink keeps it in state as a POJO, not a generic type). */
    public record State(double shortMean, double shortVariance, long count, boolean drifting, int quietMinutes,
                        double[] history, double imprintSign, long imprintUntil) implements Serializable {
        static final State NEW = new State(0, Double.NaN, 0, false, 0, null, 0, Long.MIN_VALUE);

        State(double shortMean, double shortVariance, long count, boolean drifting, int quietMinutes, double[] history) {
            this(shortMean, shortVariance, count, drifting, quietMinutes, history, 0, Long.MIN_VALUE);
        }

        /** The smoothed deviation {@code steps} updates ago, or NaN when not known. */
        double past(int steps) {
            if (history == null || history.length != HISTORY || steps >= HISTORY || count - steps < 1) {
                return Double.NaN;
            }
            return history[(int) ((count - steps) % HISTORY)];
        }
    }

    /** The updated states (by {@link #key}) and the series found drifting this minute. */
    record Outcome(Map<String, State> states, Set<String> drifting) {
    }

    static String key(AnomalyScore s) {
        return s.sensorId() + "|" + s.metric();
    }

    Outcome check(List<AnomalyScore> minute, Function<String, State> previous) {
        return check(minute, previous, sensor -> "");
    }

    /** @param kindOf a sensor's kind (its peer group within the district); "" when unknown */
    Outcome check(List<AnomalyScore> minute, Function<String, State> previous, Function<String, String> kindOf) {
        Map<String, List<AnomalyScore>> byMetric = new HashMap<>();
        for (AnomalyScore s : minute) {
            if (s.fault() == FaultKind.NONE && !NOT_CHECKED.contains(s.metric()) && Double.isFinite(s.value()) && Double.isFinite(s.typical())
                && s.magnitude() > 0) {
                byMetric.computeIfAbsent(s.metric(), m -> new ArrayList<>()).add(s);
            }
        }
        Map<String, State> states = new HashMap<>();
        Set<String> drifting = new HashSet<>();
        Map<String, Map<String, int[]>> checkedAndDrifting = new HashMap<>();
        for (List<AnomalyScore> peers : byMetric.values()) {
            if (peers.size() < MIN_PEERS) {
                continue;
            }
            double[] r = new double[peers.size()];
            for (int i = 0; i < r.length; i++) {
                AnomalyScore s = peers.get(i);
                r[i] = relativeDeviation(s);
            }
            double median = median(r.clone());
            Map<String, List<Double>> byKind = new HashMap<>();
            for (int i = 0; i < r.length; i++) {
                byKind.computeIfAbsent(kindOf.apply(peers.get(i).sensorId()), k -> new ArrayList<>()).add(r[i]);
            }
            Map<String, Double> kindMedian = new HashMap<>();
            byKind.forEach((kind, values) -> {
                if (!kind.isEmpty() && values.size() >= MIN_PEERS) {
                    kindMedian.put(kind, median(values.stream().mapToDouble(Double::doubleValue).toArray()));
                }
            });
            for (int i = 0; i < r.length; i++) {
                String key = key(peers.get(i));
                State before = previous.apply(key);
                double reference = kindMedian.getOrDefault(kindOf.apply(peers.get(i).sensorId()), median);
                State after = update(before == null ? State.NEW : before, r[i] - reference, peers.get(i).score() == 0,
                    peers.get(i).bucket().toEpochMilli());
                states.put(key, after);
                Map<String, int[]> families = checkedAndDrifting.computeIfAbsent(peers.get(i).sensorId(), k -> new HashMap<>());
                // per family of metrics: checked, drifting up, drifting down
                int[] n = families.computeIfAbsent(family(peers.get(i).metric()), k -> new int[3]);
                n[0]++;
                if (after.drifting()) {
                    n[after.shortMean() > 0 ? 1 : 2]++;
                    drifting.add(key);
                }
            }
        }
        // a faulty sensor misreports all it measures, the same way; one road or one station off its
        // peers in one metric, or in several but opposite ways, is more often local (a queue, a
        // plume, a warm corner) than a drift. Metrics that one instrument measures together (PM2.5
        // and PM10) are one witness.
        drifting.removeIf(key -> {
            Map<String, int[]> families = checkedAndDrifting.get(key.substring(0, key.indexOf('|')));
            boolean up = states.get(key).shortMean() > 0;
            int agreeing = 0;
            for (int[] n : families.values()) {
                agreeing += (up ? n[1] : n[2]) > 0 ? 1 : 0;
            }
            return agreeing < witnessesNeeded(families.size());
        });
        return new Outcome(states, drifting);
    }

    /**
     * @param quiet whether the sensor's own model saw nothing unusual this minute. A drift is slow
     *              enough for the model to follow it; a sensor far off its own forecast is showing
     *              an event (an accident's queue, say), which its peers need not share.
     */
    static State update(State s, double d, boolean quiet) {
        return update(s, d, quiet, 0);
    }

    /** @param at the minute's start (epoch millis), for the drift's imprint on the profile */
    static State update(State s, double d, boolean quiet, long at) {
        double shortMean = s.count() == 0 ? d : s.shortMean() + (d - s.shortMean()) / SHORT_MINUTES;
        long count = s.count() + 1;
        double variance = s.shortVariance();
        boolean warm = count > WARM_UP_MINUTES && !Double.isNaN(variance);
        double limit = warm ? Math.max(MIN_DRIFT, SIGMAS * Math.sqrt(variance)) : Double.POSITIVE_INFINITY;
        int quietMinutes = quiet ? s.quietMinutes() + 1 : 0;
        boolean imprint = at < s.imprintUntil() && Math.signum(shortMean) == -s.imprintSign();
        boolean drifting = warm && quietMinutes >= SHORT_MINUTES
            && (s.drifting() ? Math.abs(shortMean) >= limit / 2
                : Math.abs(shortMean) >= limit && ramp(s, shortMean, limit) && !imprint);
        double imprintSign = s.imprintSign();
        long imprintUntil = s.imprintUntil();
        if (s.drifting() && !drifting) {
            // the sensor's own profile learnt the drifted values: for a while, the sensor back at
            // its true level looks off the other way at the same time of day
            imprintSign = Math.signum(s.shortMean());
            imprintUntil = at + IMPRINT_MILLIS;
        }
        if (!drifting) {
            // a drifting sensor must not teach the check that drifting is normal: a value far out
            // (also one still below the limit, early in a drift) counts as at most half the limit
            double sq = shortMean * shortMean;
            if (!Double.isNaN(variance)) {
                sq = Math.min(sq, SIGMAS * SIGMAS / 4 * variance);
            }
            variance = Double.isNaN(variance) ? sq : variance + (sq - variance) / Math.min(count, VARIANCE_MINUTES);
        }
        double[] history = s.history() == null || s.history().length != HISTORY ? new double[HISTORY] : s.history().clone();
        if (s.history() == null || s.history().length != HISTORY) {
            java.util.Arrays.fill(history, Double.NaN);
        }
        history[(int) (count % HISTORY)] = shortMean;
        return new State(shortMean, variance, count, drifting, quietMinutes, history, imprintSign, imprintUntil);
    }

    /** Whether the smoothed deviation, now {@code now}, grew steadily away from 0 over the last hour. */
    private static boolean ramp(State s, double now, double limit) {
        // s.count() is the previous update, so "steps ago" counts from there
        double halfAgo = s.past(RAMP_HALF - 1);
        double hourAgo = s.past(2 * RAMP_HALF - 1);
        if (Double.isNaN(halfAgo) || Double.isNaN(hourAgo)) {
            return false;
        }
        double sign = Math.signum(now);
        double minGrowth = limit / RAMP_DIVISOR;
        return sign * (now - halfAgo) >= minGrowth && sign * (halfAgo - hourAgo) >= minGrowth;
    }

    /** Metrics one instrument measures together, so that they drift together also when it is well. */
    static String family(String metric) {
        return "pm10".equals(metric) ? "pm25" : metric;
    }

    /** How many families of a sensor's metrics must drift the same way: a majority, at least {@link #MIN_METRICS}. */
    static int witnessesNeeded(int familiesChecked) {
        return familiesChecked < MIN_METRICS ? familiesChecked : Math.max(MIN_METRICS, (familiesChecked + 1) / 2);
    }

    static double relativeDeviation(AnomalyScore s) {
        if (ADDITIVE.contains(s.metric())) {
            return (s.value() - s.typical()) / s.magnitude();
        }
        double floor = LOG_FLOOR * s.magnitude();
        return Math.log(Math.max(s.value(), floor) / Math.max(s.typical(), floor));
    }

    private static double median(double[] v) {
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
