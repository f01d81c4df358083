package org.aicity.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactReadingWriterTest {

    private final ReadingCodec codec = new ReadingCodec();

    @Test
    void shouldWriteTheSimulatorsReadingsAsJacksonDoesByteForByte() {
        SplittableRandom random = new SplittableRandom(7);
        CompactReadingWriter writer = new CompactReadingWriter();
        for (int i = 0; i < 20_000; i++) {
            Reading r = typical(random, i);
            byte[] fast = writer.write(r);
            assertThat(fast).as("the writer handles a typical reading %s", r).isNotNull();
            assertThat(new String(fast, StandardCharsets.UTF_8)).isEqualTo(text(codec.encodeWithJackson(r)));
        }
        for (int i = 0; i < 500; i++) {
            List<Reading> batch = new ArrayList<>();
            for (int k = 0, n = 1 + random.nextInt(100); k < n; k++) {
                batch.add(typical(random, i * 100 + k));
            }
            byte[] fast = writer.writeBatch(batch);
            assertThat(fast).isNotNull();
            assertThat(text(fast)).isEqualTo(text(codec.encodeBatchWithJackson(batch)));
        }
    }

    @Test
    void shouldDeclineWhatItDoesNotWriteAndTheCodecThenWritesItAsJacksonDoes() {
        Map<String, Reading> odd = new LinkedHashMap<>();
        odd.put("quote in the id", reading("a\"b", Instant.parse("2026-12-06T10:00:00Z"), 1, "pm25", 12.5));
        odd.put("backslash", reading("a\\b", Instant.parse("2026-12-06T10:00:00Z"), 1, "pm25", 12.5));
        odd.put("control character", reading("a\nb", Instant.parse("2026-12-06T10:00:00Z"), 1, "pm25", 12.5));
        odd.put("non-ASCII id", reading("센서-1", Instant.parse("2026-12-06T10:00:00Z"), 1, "pm25", 12.5));
        odd.put("non-ASCII metric", reading("s-1", Instant.parse("2026-12-06T10:00:00Z"), 1, "températ", 12.5));
        odd.put("year 10000", reading("s-1", Instant.parse("+10000-01-01T00:00:00Z"), 1, "pm25", 12.5));
        odd.put("negative year", reading("s-1", Instant.parse("-0001-01-01T00:00:00Z"), 1, "pm25", 12.5));
        odd.put("many digits", reading("s-1", Instant.parse("2026-12-06T10:00:00Z"), 1, "pm25", 0.1 + 0.2));
        odd.put("large", reading("s-1", Instant.parse("2026-12-06T10:00:00Z"), 1, "activePower", 3.0e12));
        odd.put("tiny", reading("s-1", Instant.parse("2026-12-06T10:00:00Z"), 1, "pm25", 1e-9));
        CompactReadingWriter writer = new CompactReadingWriter();
        odd.forEach((why, r) -> {
            assertThat(writer.write(r)).as(why).isNull();
            assertThat(text(codec.encode(r))).as(why).isEqualTo(text(codec.encodeWithJackson(r)));
            List<Reading> batch = List.of(reading("s-0", r.ts(), 0, "pm25", 1.5), r);
            assertThat(writer.writeBatch(batch)).as(why).isNull();
            assertThat(text(codec.encodeBatch(batch))).as(why).isEqualTo(text(codec.encodeBatchWithJackson(batch)));
        });
    }

    @Test
    void shouldWriteZerosNegativesAndExtremeSeqsAsJacksonDoes() {
        Instant t = Instant.parse("2026-12-06T10:00:00.123456Z");
        for (double v : new double[] {0.0, -0.0, -12.25, 9_999_999.999, 0.001, -0.001}) {
            for (long seq : new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
                Reading r = reading("s-1", t, seq, "pm25", v);
                assertThat(text(codec.encode(r))).isEqualTo(text(codec.encodeWithJackson(r)));
            }
        }
        for (Instant time : List.of(Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.EPOCH, Instant.parse("2026-12-06T10:00:00.100Z"), Instant.parse("2026-12-06T10:00:00.000001Z"))) {
            Reading r = reading("s-1", time, 5, "pm25", 1.5);
            assertThat(new CompactReadingWriter().write(r)).as("%s", time).isNotNull();
            assertThat(text(codec.encode(r))).isEqualTo(text(codec.encodeWithJackson(r)));
        }
    }

    @Test
    void shouldRefuseANonFiniteValueAsBefore() {
        Reading r = reading("s-1", Instant.parse("2026-12-06T10:00:00Z"), 1, "pm25", Double.NaN);
        assertThatThrownBy(() -> codec.encode(r)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
        assertThatThrownBy(() -> codec.encodeBatch(List.of(r))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDecodeWhatItWrites() {
        SplittableRandom random = new SplittableRandom(11);
        List<Reading> batch = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            double pm25 = Math.rint(random.nextDouble(0, 300) * 10) / 10;
            double no2 = random.nextInt(10) == 0 ? 0.0 : Math.rint(random.nextDouble(0, 200) * 1000) / 1000;
            batch.add(new Reading("env-001", Instant.ofEpochMilli(1_780_000_000_000L + 250L * k), k,
                MetricValues.of(new String[] {"pm25", "no2"}, new double[] {pm25, no2})));
        }
        assertThat(new CompactReadingWriter().writeBatch(batch)).isNotNull();
        DecodeResult out = codec.decode("city/songdo/environment/env-001", codec.encodeBatch(batch), Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(out.rejections()).isEmpty();
        assertThat(out.readings()).isEqualTo(batch);
    }

    /** What the simulator sends: an id, a millisecond time, a seq and one to four rounded metrics (a MetricValues or another map). */
    private static Reading typical(SplittableRandom random, int i) {
        String[] names = {"pm25", "pm10", "no2", "o3", "co", "temperature"};
        int n = 1 + random.nextInt(4);
        String[] ns = new String[n];
        double[] vs = new double[n];
        for (int k = 0; k < n; k++) {
            ns[k] = names[(i + k) % names.length];
            int digits = random.nextInt(4);
            double scale = Math.pow(10, digits);
            double v = Math.rint(random.nextDouble(-5_000, 5_000) * scale) / scale;
            vs[k] = random.nextInt(20) == 0 ? 0.0 : v;
        }
        Instant ts = Instant.ofEpochMilli(1_780_000_000_000L + random.nextLong(100_000_000_000L));
        String id = "sd-" + (char) ('a' + random.nextInt(26)) + "-" + random.nextInt(10_000);
        if (random.nextBoolean()) {
            return new Reading(id, ts, random.nextLong(Long.MAX_VALUE), MetricValues.of(ns, vs));
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            m.put(ns[k], vs[k]);
        }
        return new Reading(id, ts, i, m);
    }

    private static Reading reading(String id, Instant ts, long seq, String metric, double v) {
        return new Reading(id, ts, seq, MetricValues.of(new String[] {metric}, new double[] {v}));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
