package org.aicity.job.predict;

import org.aicity.job.judge.FaultChecks;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copy the heap state backend takes of a series' state when it changes while a checkpoint is
 * written: equal to the original, independent of it in both directions, and sharing the history
 * and the week profile in chunks until one side writes them.
 */
class SeriesStateCopyTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Instant MONDAY = LocalDate.of(2026, 11, 2).atStartOfDay(SEOUL).toInstant();
    private static final SeriesStateSerializer SERIALIZER = new SeriesStateSerializer(ModelParameters.perMinute());

    @Test
    void shouldCopyEqualAndStayIndependentInBothDirections() throws IOException {
        SeriesState original = state(2_000);
        byte[] before = bytes(original);

        SeriesState copy = SERIALIZER.copy(original);
        assertThat(bytes(copy)).isEqualTo(before);

        // the copy goes on (as the running job's state does); the original (the checkpoint's) must not move
        for (int minute = 2_000; minute < 2_100; minute++) {
            feed(copy.model(), copy.faults(), minute);
        }
        assertThat(bytes(original)).isEqualTo(before);

        // and the original written after the copy does not move the copy
        byte[] copyAfter = bytes(copy);
        for (int minute = 2_000; minute < 2_050; minute++) {
            feed(original.model(), original.faults(), minute + 7);
        }
        assertThat(bytes(copy)).isEqualTo(copyAfter);
    }

    @Test
    void shouldGoOnAfterACopyExactlyAsAModelThatWasNeverCopied() throws IOException {
        SeriesState never = state(2_000);
        SeriesState copied = SERIALIZER.copy(SERIALIZER.copy(state(2_000)));
        for (int minute = 2_000; minute < 3_600; minute++) {
            feed(never.model(), never.faults(), minute);
            feed(copied.model(), copied.faults(), minute);
            if (minute % 97 == 0) {
                copied = SERIALIZER.copy(copied);
            }
        }
        assertThat(bytes(copied)).isEqualTo(bytes(never));
    }

    @Test
    void shouldShareTheHistoryAndWeekProfileUntilWritten() {
        SeriesModel model = state(2_000).model();
        SeriesModel copy = model.copy();
        assertThat(history(copy).sharedChunks()).isEqualTo(24);
        assertThat(profile(copy).sharedDays()).isEqualTo(7);
        assertThat(history(model).sharedChunks()).isEqualTo(24);

        feed(copy, new FaultChecks(), 2_000);
        // one point writes one hour of history and one day of the week's profile
        assertThat(history(copy).sharedChunks()).isEqualTo(23);
        assertThat(profile(copy).sharedDays()).isEqualTo(6);
        assertThat(history(model).sharedChunks()).isEqualTo(24);
    }

    private static Float24Array history(SeriesModel m) {
        return m.history();
    }

    private static SeasonalProfile profile(SeriesModel m) {
        return m.profile();
    }

    private static SeriesState state(int minutes) {
        SeriesModel model = new SeriesModel(ModelParameters.perMinute(), SEOUL);
        FaultChecks faults = new FaultChecks();
        for (int minute = 0; minute < minutes; minute++) {
            feed(model, faults, minute);
        }
        Instant last = MONDAY.plusSeconds(60L * (minutes - 1));
        return new SeriesState(model, faults,
            new SeriesPoint("songdo", "songdo/trf-1/speed", "trf-1", "d1", "traffic", "speed", last, value(minutes - 1)));
    }

    private static double value(int minute) {
        return SeriesModelSteps.wave(minute);
    }

    private static void feed(SeriesModel m, FaultChecks faults, int minute) {
        Instant t = MONDAY.plusSeconds(60L * minute);
        double y = value(minute);
        faults.check(y, m.expect(t).z(y), Double.NaN, null, org.aicity.job.judge.JudgeSettings.defaults());
        SeriesModelSteps.step(m, t, y, false);
    }

    private static byte[] bytes(SeriesState s) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16_384);
        SERIALIZER.serialize(s, out);
        return out.getCopyOfBuffer();
    }
}
