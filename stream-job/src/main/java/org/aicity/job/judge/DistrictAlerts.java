package org.aicity.job.judge;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per district (keyed by {@link AnomalyScore#districtKey()}): gathers a minute's anomaly scores
 * until the watermark passes the minute, judges them together ({@link DistrictJudgement}, which is
 * where traffic and environment evidence of one incident meet) and moves each alert slot through
 * its {@link AlertLifecycle}. Emits an {@link Alert} when one opens, when its severity rises and
 * when it closes. Scores of a minute already judged are dropped. Before judging, the
 * {@link DriftCheck} compares each sensor with its district peers and marks a drifting one's scores DRIFT.
 */
public final class DistrictAlerts extends KeyedProcessFunction<String, AnomalyScore, Alert> {

    private static final int MAX_EVIDENCE_LINES = 12;

    private final JudgeSettings settings;
    /** Each sensor's kind (its peer group for the drift check), keyed by sensor id. */
    private final Map<String, String> kindBySensor;

    private transient MapState<String, AnomalyScore> pending;
    private transient MapState<String, AlertSlot> slots;
    private transient ValueState<Long> judgedUpTo;
    private transient MapState<String, DriftCheck.State> drift;
    private transient DistrictJudgement judgement;
    private transient DriftCheck driftCheck;

    public DistrictAlerts(JudgeSettings settings) {
        this(settings, Map.of());
    }

    public DistrictAlerts(JudgeSettings settings, Map<String, String> kindBySensor) {
        this.settings = settings;
        this.kindBySensor = new java.util.HashMap<>(kindBySensor);
    }

    @Override
    public void open(OpenContext ctx) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-scores", Types.STRING,
            TypeInformation.of(AnomalyScore.class)));
        slots = getRuntimeContext().getMapState(new MapStateDescriptor<>("alert-slots", Types.STRING,
            TypeInformation.of(AlertSlot.class)));
        judgedUpTo = getRuntimeContext().getState(new ValueStateDescriptor<>("judged-up-to", Long.class));
        drift = getRuntimeContext().getMapState(new MapStateDescriptor<>("drift", Types.STRING,
            TypeInformation.of(DriftCheck.State.class)));
        judgement = new DistrictJudgement(settings);
        driftCheck = new DriftCheck();
    }

    @Override
    public void processElement(AnomalyScore s, Context ctx, Collector<Alert> out) throws Exception {
        long bucket = s.bucket().toEpochMilli();
        Long done = judgedUpTo.value();
        if (done != null && bucket <= done) {
            return;
        }
        pending.put(bucket + "|" + s.sensorId() + "|" + s.metric(), s);
        ctx.timerService().registerEventTimeTimer(bucket + 60_000 - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        long bucket = timestamp + 1 - 60_000;
        List<AnomalyScore> minute = new ArrayList<>();
        Iterator<Map.Entry<String, AnomalyScore>> it = pending.iterator();
        while (it.hasNext()) {
            AnomalyScore s = it.next().getValue();
            if (s.bucket().toEpochMilli() <= bucket) {
                minute.add(s);
                it.remove();
            }
        }
        judgedUpTo.update(bucket);
        if (minute.isEmpty()) {
            return;
        }
        DriftCheck.Outcome drifts = driftCheck.check(minute, key -> {
            try {
                return drift.get(key);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read drift state", e);
            }
        }, sensor -> kindBySensor.getOrDefault(sensor, ""));
        drift.putAll(drifts.states());
        if (!drifts.drifting().isEmpty()) {
            minute.replaceAll(s -> drifts.drifting().contains(DriftCheck.key(s)) ? s.withFault(FaultKind.DRIFT) : s);
        }
        AnomalyScore any = minute.get(0);
        Instant at = Instant.ofEpochMilli(bucket);
        for (Evidence e : judgement.judge(any.districtId(), minute)) {
            String slotKey = e.kind() + "|" + e.subjectId();
            AlertSlot slot = slots.get(slotKey);
            AlertLifecycle before = slot == null ? AlertLifecycle.CLOSED : slot.lifecycle();
            AlertLifecycle.Step step = before.observe(at, e.score(), e.decisive(), settings.policy());
            AlertLifecycle after = step.state();
            switch (step.transition()) {
                case OPENED -> {
                    AlertSlot opened = new AlertSlot(after, e.severity(), e.summary(), e.evidence());
                    slots.put(slotKey, opened);
                    out.collect(alert(any.cityId(), any.districtId(), e, opened, null));
                }
                case CLOSED -> {
                    slots.remove(slotKey);
                    out.collect(alert(any.cityId(), any.districtId(), e, slot, at.plusSeconds(60)));
                }
                case NONE -> {
                    if (after.open()) {
                        Severity severity = slot.severity().max(e.severity());
                        String[] evidence = merge(slot.evidence(), e.evidence());
                        AlertSlot updated = new AlertSlot(after, severity, slot.summary(), evidence);
                        slots.put(slotKey, updated);
                        if (severity != slot.severity()) {
                            out.collect(alert(any.cityId(), any.districtId(), e, updated, null));
                        }
                    } else if (after.evidenceRun() > 0) {
                        slots.put(slotKey, new AlertSlot(after, e.severity(), e.summary(), e.evidence()));
                    } else if (slot != null) {
                        slots.remove(slotKey);
                    }
                }
            }
        }
    }

    private static Alert alert(String city, String district, Evidence e, AlertSlot slot, Instant closedAt) {
        AlertLifecycle l = slot.lifecycle();
        return new Alert(city, Alert.idOf(city, e.kind(), e.subjectId(), l.evidenceSince()), e.kind(), e.subjectId(), district,
            slot.severity(), closedAt == null, l.evidenceSince(), l.raisedAt(), closedAt, l.peakScore(), slot.summary(),
            slot.evidence());
    }

    private static String[] merge(String[] kept, String[] fresh) {
        Set<String> lines = new LinkedHashSet<>(List.of(kept));
        for (String line : fresh) {
            if (lines.size() >= MAX_EVIDENCE_LINES) {
                break;
            }
            // one line per sensor and metric: the first sighting stays, later minutes add new sensors only
            String head = line.contains(" ") ? line.substring(0, line.indexOf(' ', line.indexOf(' ') + 1) < 0
                ? line.length() : line.indexOf(' ', line.indexOf(' ') + 1)) : line;
            if (lines.stream().noneMatch(l -> l.startsWith(head))) {
                lines.add(line);
            }
        }
        return lines.toArray(String[]::new);
    }
}
