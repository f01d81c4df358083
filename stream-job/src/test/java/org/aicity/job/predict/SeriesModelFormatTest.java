package org.aicity.job.predict;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state format against fixtures written by earlier versions of the job:
 * {@code predict/series-model-format3.bin} (pending forecasts in 64-slot rings with long targets)
 * and {@code predict/series-model-format4.bin} (a ring per horizon with every column per slot,
 * counts in two bytes) are the same model after 3,000 minutes of a daily wave with noise and a
 * gap, and the {@code .expected.txt} holds the digest of everything that model then produced
 * (outcomes, closed accuracy periods, forecasts) over the next 200 minutes, as the format-3 code
 * computed it.
 */
class SeriesModelFormatTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Instant MONDAY = LocalDate.of(2026, 11, 2).atStartOfDay(SEOUL).toInstant();

    @Test
    void shouldRestoreAFormat3StateAndGoOnExactlyAsTheFormat3CodeDid() throws Exception {
        SeriesModel restored = SeriesModel.readFrom(new DataInputStream(new ByteArrayInputStream(resource("series-model-format3.bin"))),
            ModelParameters.perMinute(), SEOUL);
        assertThat(restored.restoredFormat()).isEqualTo(3);
        assertThat(next200Minutes(restored)).isEqualTo(expected());
    }

    @Test
    void shouldBehaveAsTheFormat3CodeWhenNeverSerialised() throws Exception {
        SeriesModel model = new SeriesModel(ModelParameters.perMinute(), SEOUL);
        for (int minute = 0; minute < 3000; minute++) {
            feed(model, minute, null);
        }
        assertThat(next200Minutes(model)).isEqualTo(expected());
    }

    @Test
    void shouldRestoreAFormat4StateAndGoOnExactlyAsTheFormat3CodeDid() throws Exception {
        SeriesModel restored = SeriesModel.readFrom(new DataInputStream(new ByteArrayInputStream(resource("series-model-format4.bin"))),
            ModelParameters.perMinute(), SEOUL);
        assertThat(restored.restoredFormat()).isEqualTo(4);
        assertThat(next200Minutes(restored)).isEqualTo(expected());
    }

    @Test
    void shouldGoOnExactlyAfterAFormat5RoundTripAndBeSmaller() throws Exception {
        SeriesModel model = new SeriesModel(ModelParameters.perMinute(), SEOUL);
        for (int minute = 0; minute < 3000; minute++) {
            feed(model, minute, null);
        }
        byte[] format5 = bytes(model);
        SeriesModel copy = SeriesModel.readFrom(new DataInputStream(new ByteArrayInputStream(format5)), ModelParameters.perMinute(), SEOUL);
        assertThat(copy.restoredFormat()).isEqualTo(5);
        assertThat(bytes(copy)).isEqualTo(format5);
        assertThat(next200Minutes(copy)).isEqualTo(expected());
        // the 864 profile counts take 1 byte, not 2; of the 108 pending slots' 8 columns, the persistence and
        // deviation moved to a ring of 61 issue steps and the seasonal-naive value is read from the history
        assertThat(format5.length).isEqualTo(resource("series-model-format4.bin").length - 864 - 108 * 3 * 4 + 61 * 2 * 4);
    }

    @Test
    void shouldKeepTheFormat3PendingForecastsThroughARestore() throws Exception {
        SeriesModel restored = SeriesModel.readFrom(new DataInputStream(new ByteArrayInputStream(resource("series-model-format3.bin"))),
            ModelParameters.perMinute(), SEOUL);
        // the first minute after the snapshot meets one forecast of each horizon made before it
        Instant t = MONDAY.plusSeconds(60L * 3000);
        assertThat(restored.score(t, 600).outcomes()).extracting(ForecastOutcome::horizon)
            .containsExactly(Horizon.values());
    }

    private static String next200Minutes(SeriesModel m) throws Exception {
        List<String> log = new ArrayList<>();
        for (int minute = 3000; minute < 3200; minute++) {
            feed(m, minute, log);
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String l : log) {
            md.update((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return "lines=" + log.size() + "\nsha256=" + HexFormat.of().formatHex(md.digest());
    }

    private static String expected() throws IOException {
        String[] lines = new String(resource("series-model-format3.expected.txt"), StandardCharsets.UTF_8).split("\n");
        return lines[0] + "\n" + lines[1];
    }

    // the fixture's series (SeriesModelSteps.wave) with two 5-minute gaps
    private static boolean gap(int minute) {
        return (minute >= 2990 && minute < 2995) || (minute >= 3100 && minute < 3105);
    }

    private static void feed(SeriesModel m, int minute, List<String> log) {
        if (gap(minute)) {
            return;
        }
        SeriesModelSteps.Step step = SeriesModelSteps.step(m, MONDAY.plusSeconds(60L * minute), SeriesModelSteps.wave(minute), false);
        if (log != null) {
            step.scored().outcomes().forEach(o -> log.add(o.toString()));
            step.scored().completedPeriods().forEach(a -> log.add(a.toString()));
            step.forecasts().forEach(p -> log.add(p.toString()));
        }
    }

    private static byte[] bytes(SeriesModel m) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        m.writeTo(new DataOutputStream(b));
        return b.toByteArray();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SeriesModelFormatTest.class.getResourceAsStream("/predict/" + name)) {
            assertThat(in).as("test resource predict/" + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
