package org.aicity.job.evaluate;

import org.aicity.sim.truth.GroundTruthEvent;
import org.aicity.sim.truth.GroundTruthEvent.Kind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches alerts to injected events and scores detection per alert kind. An alert detects an event
 * when it is of the kind the event should raise, is about the event's subject, and is open at
 * some time from the event's start to its end plus a grace (effects fade: a queue clears in about
 * 10 minutes). Subjects: a SENSOR_FAULT alert's sensor is one of the event's sensors; a
 * TRAFFIC_INCIDENT alert's subject is the event's corridor, district or one of its sensors; an
 * AIR_QUALITY or ENERGY_PEAK alert is in the event's district (any district for a city-wide event).
 *
 * <p>Recall counts events starting in the evaluation window; precision counts alerts raised in it,
 * an alert being right when it detects any event (also one that began before the window). The
 * delay of a detected event is from its start to the raising of its first detecting alert (0 when
 * an alert already open is about it).
 */
final class DetectionScore {

    /** Which alert kind an injected event should raise; events of other kinds should raise none. */
    static Optional<String> expectedAlertKind(Kind kind) {
        return Optional.ofNullable(switch (kind) {
            case TRAFFIC_ACCIDENT -> "TRAFFIC_INCIDENT";
            case STUCK_VALUE, DRIFT, DROPOUT, SPIKES -> "SENSOR_FAULT";
            case POLLUTION_EPISODE -> "AIR_QUALITY";
            case HEATWAVE -> "ENERGY_PEAK";
            default -> null;
        });
    }

    /** The figures of one alert kind, or of one event kind (then precision fields are NaN). */
    record Figures(String name, int events, int detected, int alerts, int correctAlerts, List<Duration> delays) {

        double recall() {
            return events == 0 ? Double.NaN : (double) detected / events;
        }

        double precision() {
            return alerts == 0 ? Double.NaN : (double) correctAlerts / alerts;
        }

        Duration medianDelay() {
            if (delays.isEmpty()) {
                return null;
            }
            List<Duration> sorted = delays.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
        }
    }

    /** All figures: per alert kind, and per injected event kind (recall and delay only). */
    record Result(Map<String, Figures> byAlertKind, Map<Kind, Figures> byEventKind, List<String> missed,
                  List<String> falseAlerts) {
    }

    private final Duration grace;

    DetectionScore(Duration grace) {
        this.grace = grace;
    }

    Result score(List<GroundTruthEvent> truth, List<ReplayedAlert> alerts, Instant from, Instant to) {
        Map<String, List<GroundTruthEvent>> eventsByAlertKind = new LinkedHashMap<>();
        for (String k : List.of("TRAFFIC_INCIDENT", "SENSOR_FAULT", "AIR_QUALITY", "ENERGY_PEAK")) {
            eventsByAlertKind.put(k, new ArrayList<>());
        }
        for (GroundTruthEvent e : truth) {
            expectedAlertKind(e.kind()).ifPresent(k -> eventsByAlertKind.get(k).add(e));
        }
        Map<String, Figures> byAlertKind = new LinkedHashMap<>();
        Map<Kind, List<Duration>> delaysByKind = new EnumMap<>(Kind.class);
        Map<Kind, int[]> countsByKind = new EnumMap<>(Kind.class);
        List<String> missed = new ArrayList<>();
        List<String> falseAlerts = new ArrayList<>();
        for (Map.Entry<String, List<GroundTruthEvent>> entry : eventsByAlertKind.entrySet()) {
            String alertKind = entry.getKey();
            List<ReplayedAlert> ofKind = alerts.stream().filter(a -> a.kind().equals(alertKind))
                .sorted(Comparator.comparing(ReplayedAlert::raisedAt)).toList();
            int events = 0;
            int detected = 0;
            List<Duration> delays = new ArrayList<>();
            for (GroundTruthEvent e : entry.getValue()) {
                if (e.start().isBefore(from) || !e.start().isBefore(to)) {
                    continue;
                }
                events++;
                int[] c = countsByKind.computeIfAbsent(e.kind(), k -> new int[2]);
                c[0]++;
                Optional<ReplayedAlert> first = ofKind.stream().filter(a -> detects(a, e)).findFirst();
                if (first.isPresent()) {
                    detected++;
                    c[1]++;
                    Duration delay = Duration.between(e.start(), first.get().raisedAt());
                    delay = delay.isNegative() ? Duration.ZERO : delay;
                    delays.add(delay);
                    delaysByKind.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(delay);
                } else {
                    missed.add(e.id() + " " + e.kind().wireName() + " " + e.start() + ".." + e.end() + " "
                        + (e.district() == null ? "" : e.district() + " ") + e.sensors());
                }
            }
            int raised = 0;
            int correct = 0;
            for (ReplayedAlert a : ofKind) {
                if (a.raisedAt().isBefore(from) || !a.raisedAt().isBefore(to)) {
                    continue;
                }
                raised++;
                if (entry.getValue().stream().anyMatch(e -> detects(a, e))) {
                    correct++;
                } else {
                    falseAlerts.add(a.alertId() + " raised " + a.raisedAt() + " closed " + a.closedAt());
                }
            }
            byAlertKind.put(alertKind, new Figures(alertKind, events, detected, raised, correct, delays));
        }
        Map<Kind, Figures> byEventKind = new EnumMap<>(Kind.class);
        countsByKind.forEach((k, c) -> byEventKind.put(k, new Figures(k.wireName(), c[0], c[1], 0, 0,
            delaysByKind.getOrDefault(k, List.of()))));
        return new Result(byAlertKind, byEventKind, missed, falseAlerts);
    }

    boolean detects(ReplayedAlert a, GroundTruthEvent e) {
        if (!expectedAlertKind(e.kind()).map(a.kind()::equals).orElse(false)) {
            return false;
        }
        if (!a.activeDuring(e.start(), e.end().plus(grace))) {
            return false;
        }
        return switch (a.kind()) {
            case "SENSOR_FAULT" -> e.sensors().contains(a.subject());
            case "TRAFFIC_INCIDENT" -> a.subject().equals(e.corridor()) || a.subject().equals(e.district())
                || e.sensors().contains(a.subject());
            default -> e.district() == null || e.district().equals(a.district());
        };
    }
}
