package org.aicity.job.keys;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.flink.util.StateMigrationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A keyed operator checkpointed with {@code Types.STRING} keys (heap state backend, full
 * snapshot) restores under {@link StringKeyTypeInfo}: its counters and its timers continue, for
 * ASCII and non-ASCII keys alike.
 */
class StringKeyRestoreTest {

    /** Key i is counted i + 1 times before the checkpoint. */
    private static final List<String> KEYS = List.of(
        "songdo/songdo-trf-0001",
        "songdo/songdo-trf-0001/speed",
        "송도/송도-교통-0002/평균속도",
        "songdo/\uD83D\uDE97-0003",
        "\u0080\u3FFF\u4000\uFFFF",
        "",
        "songdo/" + "x".repeat(20_000));

    private static final long TIMER_DELAY = 1_000;

    private final List<KeyedOneInputStreamOperatorTestHarness<String, String, String>> harnesses = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (var harness : harnesses) {
            harness.close();
        }
    }

    /**
     * Counts the elements of each key in a {@code ValueState<Long>} and emits {@code "key=count"};
     * each element also sets a processing-time timer, which emits {@code "timer key=count"}.
     */
    static final class Counter extends KeyedProcessFunction<String, String, String> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext openContext) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(String value, Context ctx, Collector<String> out) throws Exception {
            Long c = count.value();
            long next = c == null ? 1 : c + 1;
            count.update(next);
            out.collect(ctx.getCurrentKey() + "=" + next);
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + TIMER_DELAY);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
            out.collect("timer " + ctx.getCurrentKey() + "=" + count.value());
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(
            TypeInformation<String> keyType, OperatorSubtaskState restoreFrom) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new Counter()), (String element) -> element, keyType);
        harnesses.add(harness);
        harness.setStateBackend(new HashMapStateBackend());
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    private static void process(KeyedOneInputStreamOperatorTestHarness<String, String, String> harness, String key)
            throws Exception {
        harness.processElement(new StreamRecord<>(key));
    }

    /** A checkpoint with Types.STRING keys, key i counted i + 1 times, a timer pending for each. */
    private OperatorSubtaskState checkpointWithFlinksStringKeys() throws Exception {
        var before = harness(Types.STRING, null);
        assertThat(before.getOperator().getKeyedStateBackend().getKeySerializer())
            .isInstanceOf(StringSerializer.class);
        for (int i = 0; i < KEYS.size(); i++) {
            for (int n = 0; n <= i; n++) {
                process(before, KEYS.get(i));
            }
        }
        return before.snapshot(1, 1);
    }

    /** Counts each key once more and fires the timers; checks both continue from the checkpoint. */
    private static void assertContinuesFromTheCheckpoint(
            KeyedOneInputStreamOperatorTestHarness<String, String, String> after, int timesCounted) throws Exception {
        assertThat(after.getOperator().getKeyedStateBackend().getKeySerializer()).isSameAs(StringKeySerializer.INSTANCE);
        assertThat(after.numKeyedStateEntries()).isEqualTo(KEYS.size());

        after.setProcessingTime(TIMER_DELAY); // the timers of the checkpoint
        for (String key : KEYS) {
            process(after, key);
        }

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < KEYS.size(); i++) {
            expected.add("timer " + KEYS.get(i) + "=" + (i + timesCounted));
        }
        for (int i = 0; i < KEYS.size(); i++) {
            expected.add(KEYS.get(i) + "=" + (i + timesCounted + 1));
        }
        assertThat(after.extractOutputValues()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void restoresStateAndTimersCheckpointedWithFlinksStringKeys() throws Exception {
        OperatorSubtaskState checkpoint = checkpointWithFlinksStringKeys();

        var after = harness(StringKeyTypeInfo.INSTANCE, checkpoint);

        assertContinuesFromTheCheckpoint(after, 1);
    }

    @Test
    void restoresItsOwnCheckpoints() throws Exception {
        var first = harness(StringKeyTypeInfo.INSTANCE, checkpointWithFlinksStringKeys());
        for (String key : KEYS) {
            process(first, key);
        }
        OperatorSubtaskState checkpoint = first.snapshot(2, 2);

        var after = harness(StringKeyTypeInfo.INSTANCE, checkpoint);

        assertContinuesFromTheCheckpoint(after, 2);
    }

    /** The restore checks the key serializer: the tests above would notice an incompatible one. */
    @Test
    void refusesAKeySerializerThatIsNotCompatible() throws Exception {
        OperatorSubtaskState checkpoint = checkpointWithFlinksStringKeys();

        assertThatThrownBy(() -> harness(new GenericTypeInfo<>(String.class), checkpoint))
            .rootCause().isInstanceOf(StateMigrationException.class);
    }
}
