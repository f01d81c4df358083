package org.aicity.job.ingest;

import org.aicity.model.ReadingCodec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ingest operator, keyed by {@link RawMessage#sensorKey()} (city and sensor from the topic):
 * decodes and validates each message ({@link MessageDecoder}), sends every rejection to the
 * {@link #DEAD_LETTERS} side output, drops readings already seen, and keeps the subtask's
 * {@link IngestStatus} counters.
 *
 * <p>Why decode, dedup and count in one keyed operator: duplicates are counted where they are
 * found, so one status row per subtask holds every counter; and keyed processing-time timers can
 * flush the counters one second after the last message, so a stream that goes quiet still reports
 * its final counts without a heartbeat message (which a keyBy would deliver to one subtask only).
 *
 * <p>A reading is a duplicate when the same sensor sent the same seq with the same event time and
 * values among its recent readings ({@link SeqWindow}: within the dedup horizon of event time behind
 * its newest reading); it is dropped and counted. The same seq with a later
 * time is a sensor that restarted its numbering, and passes. The same seq with other values, or an
 * earlier time, contradicts the first reading: a dead letter ({@link SeqCheck}).
 */
public class DecodeAndDeduplicate extends KeyedProcessFunction<String, RawMessage, ValidReading>
    implements CheckpointedFunction {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
    public static final OutputTag<IngestStatus> STATUS = new OutputTag<>("ingest-status", TypeInformation.of(IngestStatus.class));

    private final String pipeline;
    private final Duration outOfOrderness;
    private final Duration dedupTtl;
    private final Duration statusInterval;
    private final Map<String, Set<String>> knownSensorsByCity;

    private transient MessageDecoder decoder;
    private transient ValueState<SeqWindow> recent;
    private transient ListState<IngestCounters.Snapshot> countersState;
    private transient IngestCounters counters;
    private transient boolean statusTimerPending;

    /**
     * @param pipeline           the pipeline name written to ingest_status
     * @param outOfOrderness     subtracted from the last event time to report a watermark
     * @param dedupTtl           how far behind a sensor's newest reading (event time) its readings are remembered
     * @param statusInterval     the least time between two status records of a subtask
     * @param knownSensorsByCity see {@link MessageDecoder}
     */
    public DecodeAndDeduplicate(String pipeline, Duration outOfOrderness, Duration dedupTtl, Duration statusInterval,
                                Map<String, Set<String>> knownSensorsByCity) {
        this.pipeline = pipeline;
        this.outOfOrderness = outOfOrderness;
        this.dedupTtl = dedupTtl;
        this.statusInterval = statusInterval;
        this.knownSensorsByCity = Map.copyOf(knownSensorsByCity);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        // Union state, and each subtask takes back its own entry: the rows of ingest_status are
        // per subtask index, so after a rescale a removed subtask's last row stays in the table and
        // the sum over rows stays right (an even split would count moved entries twice).
        countersState = context.getOperatorStateStore().getUnionListState(
            new ListStateDescriptor<>("ingest-counters", TypeInformation.of(IngestCounters.Snapshot.class)));
        counters = new IngestCounters(subtask);
        if (context.isRestored()) {
            for (IngestCounters.Snapshot s : countersState.get()) {
                if (s.subtask() == subtask) {
                    counters = IngestCounters.restore(s);
                }
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        countersState.update(List.of(counters.snapshot()));
    }

    @Override
    public void open(OpenContext openContext) {
        decoder = new MessageDecoder(new ReadingCodec(), knownSensorsByCity);
        // Its own compact serializer, under a new name: from a checkpoint or savepoint of the job
        // before it, the POJO-serialised windows of "recent-readings" are not read (the heap backend
        // still restores them and carries them along in later checkpoints, a few dozen bytes per
        // sensor, but no descriptor asks for them), so each sensor starts with an empty window
        // rather than the restore failing on an incompatible serializer. A redelivery of a reading
        // from before the restore then passes once more, and the database's natural key keeps it
        // from being stored twice.
        recent = getRuntimeContext().getState(new ValueStateDescriptor<>("recent-readings-v2", new SeqWindowSerializer()));
    }

    @Override
    public void processElement(RawMessage message, Context ctx, Collector<ValidReading> out) throws Exception {
        counters.messageIn();
        MessageDecoder.Decoded decoded = decoder.decode(message);
        for (DeadLetter d : decoded.deadLetters()) {
            ctx.output(DEAD_LETTERS, d);
        }
        counters.invalid(decoded.deadLetters().size());
        if (decoded.readings().isEmpty()) {
            scheduleStatus(ctx);
            return;
        }
        SeqWindow window = recent.value();
        if (window == null) {
            window = new SeqWindow();
        }
        boolean changed = false;
        for (int i = 0; i < decoded.readings().size(); i++) {
            ValidReading r = decoded.readings().get(i);
            SeqCheck.Seen seen = window.find(r.seq());
            SeqCheck verdict = SeqCheck.check(seen, r);
            switch (verdict) {
                case DUPLICATE -> counters.duplicate();
                case CONFLICTING_VALUES, CONFLICTING_TIME -> {
                    ctx.output(DEAD_LETTERS, decoder.reject(message, decoded.elementIndices()[i], r, "seq",
                        SeqCheck.reason(verdict, seen, r)));
                    counters.invalid(1);
                }
                case NEW, RESTARTED -> {
                    window.remember(r.seq(), r.ts().toEpochMilli(), SeqCheck.fingerprint(r), dedupTtl.toMillis());
                    changed = true;
                    counters.valid(r.ts());
                    out.collect(r);
                }
            }
        }
        if (changed) {
            recent.update(window);
        }
        scheduleStatus(ctx);
    }

    private void scheduleStatus(Context ctx) {
        if (!statusTimerPending) {
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + statusInterval.toMillis());
            statusTimerPending = true;
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ValidReading> out) {
        statusTimerPending = false;
        if (counters.changedSinceLastStatus()) {
            ctx.output(STATUS, counters.toStatus(pipeline, outOfOrderness, Instant.ofEpochMilli(timestamp)));
        }
    }

    /** The last status at the end of a finite input, or null when nothing changed since the last one. */
    IngestStatus finalStatus(Instant now) {
        return counters.changedSinceLastStatus() ? counters.toStatus(pipeline, outOfOrderness, now) : null;
    }
}
