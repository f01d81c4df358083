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
 * peers' (same metric). Each minute, for every metric with at least {@link #MIN_PEERS} sensors:
 * r = ln(value ÷ typical) per sensor (for the metrics in {@link #ADDITIVE}, whose shared changes
 * are offsets, not factors: r = (value − typical) ÷ typical level), and D = r − median(r). A
 * pollution episode multiplies every station's PM by the same factor, a heatwave adds degrees to
 * every thermometer: the peers move together and cancel in D; a drifting sensor moves alone.
 * D is smoothed over about {@link #SHORT_MINUTES} minutes and compared with how far that smoothed
 * value normally strays for this sensor (learnt over days, not while drifting): past
 * {@link #SIGMAS} times that and {@link #MIN_DRIFT} of the level it is a drift, until it falls
 * back under half, provided the sensor's own model has seen nothing unusual for as long, and (for
 * a sensor with several metrics checked) at least {@link #MIN_METRICS} of its metrics drift. A drift of
 * 10 % of the level per hour is found in about one to two hours.
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

    /** The drift statistics of one sensor metric (public: Flink keeps it in state as a POJO, not a generic type). */
    public record State(double shortMean, double shortVariance, long count, boolean drifting, int quietMinutes)
        implements Serializable {
        static final State NEW = new State(0, Double.NaN, 0, false, 0);
    }

    /** The updated states (by {@link #key}) and the series found drifting this minute. */
    record Outcome(Map<String, State> states, Set<String> drifting) {
    }

    static String key(AnomalyScore s) {
        return s.sensorId() + "|" + s.metric();
    }

    Outcome check(List<AnomalyScore> minute, Function<String, State> previous) {
        Map<String, List<AnomalyScore>> byMetric = new HashMap<>();
        for (AnomalyScore s : minute) {
            if (s.fault() == FaultKind.NONE && !NOT_CHECKED.contains(s.metric()) && Double.isFinite(s.value()) && Double.isFinite(s.typical())
                && s.magnitude() > 0) {
                byMetric.computeIfAbsent(s.metric(), m -> new ArrayList<>()).add(s);
            }
        }
        Map<String, State> states = new HashMap<>();
        Set<String> drifting = new HashSet<>();
        Map<String, int[]> checkedAndDrifting = new HashMap<>();
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
            for (int i = 0; i < r.length; i++) {
                String key = key(peers.get(i));
                State before = previous.apply(key);
                State after = update(before == null ? State.NEW : before, r[i] - median, peers.get(i).score() == 0);
                states.put(key, after);
                int[] n = checkedAndDrifting.computeIfAbsent(peers.get(i).sensorId(), k -> new int[2]);
                n[0]++;
                if (after.drifting()) {
                    n[1]++;
                    drifting.add(key);
                }
            }
        }
        // a faulty sensor misreports all it measures; one road or one station alone off its peers
        // in a single metric is more often local (a queue, a plume) than a drift
        drifting.removeIf(key -> {
            int[] n = checkedAndDrifting.get(key.substring(0, key.indexOf('|')));
            return n[1] < Math.min(MIN_METRICS, n[0]);
        });
        return new Outcome(states, drifting);
    }

    /**
     * @param quiet whether the sensor's own model saw nothing unusual this minute. A drift is slow
     *              enough for the model to follow it; a sensor far off its own forecast is showing
     *              an event (an accident's queue, say), which its peers need not share.
     */
    static State update(State s, double d, boolean quiet) {
        double shortMean = s.count() == 0 ? d : s.shortMean() + (d - s.shortMean()) / SHORT_MINUTES;
        long count = s.count() + 1;
        double variance = s.shortVariance();
        boolean warm = count > WARM_UP_MINUTES && !Double.isNaN(variance);
        double limit = warm ? Math.max(MIN_DRIFT, SIGMAS * Math.sqrt(variance)) : Double.POSITIVE_INFINITY;
        int quietMinutes = quiet ? s.quietMinutes() + 1 : 0;
        boolean drifting = warm && quietMinutes >= SHORT_MINUTES && Math.abs(shortMean) >= (s.drifting() ? limit / 2 : limit);
        if (!drifting) {
            // a drifting sensor must not teach the check that drifting is normal: a value far out
            // (also one still below the limit, early in a drift) counts as at most half the limit
            double sq = shortMean * shortMean;
            if (!Double.isNaN(variance)) {
                sq = Math.min(sq, SIGMAS * SIGMAS / 4 * variance);
            }
            variance = Double.isNaN(variance) ? sq : variance + (sq - variance) / Math.min(count, VARIANCE_MINUTES);
        }
        return new State(shortMean, variance, count, drifting, quietMinutes);
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
