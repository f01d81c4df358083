package org.aicity.sim;

import org.aicity.model.Domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The live, thread-safe counts behind {@link SimulatorStats}; updated by the publishing thread and by Paho's callbacks. */
final class RunCounters {

    private final Map<Domain, LongAdder[]> byDomain = new EnumMap<>(Domain.class);
    private final LongAdder messages = new LongAdder();
    private final LongAdder invalidSent = new LongAdder();
    private final LongAdder invalidAcked = new LongAdder();
    private final LongAdder invalidFailed = new LongAdder();
    private final LongAdder meta = new LongAdder();
    private final LongAdder copies = new LongAdder();
    private final Map<String, LongAdder> injected = new java.util.concurrent.ConcurrentSkipListMap<>();
    final LatencyHistogram pubackLatency = new LatencyHistogram();

    private static final int SENT = 0;
    private static final int ACKED = 1;
    private static final int FAILED = 2;

    RunCounters() {
        for (Domain d : Domain.values()) {
            byDomain.put(d, new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
        }
    }

    void sent(PublishPlan.Message m) {
        m.truth().forEach(t -> injected.computeIfAbsent(t.kind().wireName(), k -> new LongAdder()).increment());
        if (m.copy()) {
            copies.increment();
        } else if (m.isInvalid()) {
            invalidSent.increment();
        } else {
            messages.increment();
            byDomain.get(m.domain())[SENT].add(m.readings().size());
        }
    }

    void injected(org.aicity.sim.truth.GroundTruthEvent e) {
        injected.computeIfAbsent(e.kind().wireName(), k -> new LongAdder()).increment();
    }

    void acknowledged(PublishPlan.Message m) {
        if (m.copy()) {
            return;
        }
        if (m.isInvalid()) {
            invalidAcked.increment();
        } else {
            byDomain.get(m.domain())[ACKED].add(m.readings().size());
        }
    }

    void failed(PublishPlan.Message m) {
        if (m.copy()) {
            return;
        }
        if (m.isInvalid()) {
            invalidFailed.increment();
        } else {
            byDomain.get(m.domain())[FAILED].add(m.readings().size());
        }
    }

    void metaAcknowledged() {
        meta.increment();
    }

    SimulatorStats snapshot(Duration elapsed, boolean finished) {
        Map<Domain, SimulatorStats.DomainStats> perDomain = new EnumMap<>(Domain.class);
        long sent = 0;
        long acked = 0;
        long failed = 0;
        // acknowledgements are read before sends so that a snapshot never shows more acknowledged than sent
        for (Map.Entry<Domain, LongAdder[]> e : byDomain.entrySet()) {
            long a = e.getValue()[ACKED].sum();
            long f = e.getValue()[FAILED].sum();
            long s = e.getValue()[SENT].sum();
            perDomain.put(e.getKey(), new SimulatorStats.DomainStats(s, a, f));
            sent += s;
            acked += a;
            failed += f;
        }
        Map<String, Long> injectedByKind = new java.util.TreeMap<>();
        injected.forEach((k, v) -> injectedByKind.put(k, v.sum()));
        return new SimulatorStats(sent, acked, failed, messages.sum(), invalidSent.sum(), invalidAcked.sum(),
            invalidFailed.sum(), meta.sum(), perDomain, elapsed, finished, copies.sum(), injectedByKind,
            pubackLatency.snapshot());
    }
}
