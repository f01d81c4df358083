package org.aicity.job.ingest;

import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.time.Instant;

/**
 * Runs {@link DecodeAndDeduplicate} and, when a finite input ends, emits the last status: pending
 * processing-time timers do not fire at the end of input, so without this a bounded run (tests,
 * replays) would lose the final counts.
 */
public final class IngestOperator extends KeyedProcessOperator<String, RawMessage, ValidReading> implements BoundedOneInput {

    private final DecodeAndDeduplicate function;

    public IngestOperator(DecodeAndDeduplicate function) {
        super(function);
        this.function = function;
    }

    @Override
    public void endInput() {
        IngestStatus last = function.finalStatus(Instant.ofEpochMilli(getProcessingTimeService().getCurrentProcessingTime()));
        if (last != null) {
            output.collect(DecodeAndDeduplicate.STATUS, new StreamRecord<>(last));
        }
    }
}
