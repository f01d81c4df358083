package org.aicity.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain decoder against Jackson's path: on every payload it either declines or gives exactly
 * what Jackson's path gives.
 */
class PlainPayloadDecoderTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Topic TOPIC = new Topic("songdo", Domain.ENVIRONMENT, "env-007");
    private final ReadingCodec codec = new ReadingCodec();
    private final PlainPayloadDecoder plain = new PlainPayloadDecoder(MetricCatalogue.standard(), ValidationPolicy.DEFAULT);

    @Test
    void shouldDecodeWhatTheEncoderWritesExactlyAsJacksonDoes() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 3_000; i++) {
            byte[] payload = i % 3 == 0 ? codec.encode(reading(random, i)) : codec.encodeBatch(batch(random, 1 + random.nextInt(100)));
            DecodeResult fast = plain.decode(TOPIC, payload, NOW);
            assertThat(fast).as("plain decoder takes %s", text(payload)).isNotNull();
            DecodeResult jackson = codec.decodeWithJackson(TOPIC, payload, NOW);
            assertThat(jackson.rejections()).isEmpty();
            assertThat(fast).isEqualTo(jackson);
            assertThat(codec.decode(TOPIC, payload, NOW)).isEqualTo(jackson);
        }
    }

    @Test
    void shouldReadOtherSpellingsOfTheSameReadingsAsJacksonDoesOrDecline() {
        String[] spellings = {
            " { \"seq\" : 5 ,\n\t\"metrics\" : { \"pm25\" : 12.5 , \"no2\" : 40 } , \"ts\" : 1796558400000 , \"sensorId\" : \"env-007\" } ",
            "[{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00+09:00\",\"seq\":0,\"metrics\":{\"pm25\":0}}]",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00.123456789Z\",\"seq\":1,\"metrics\":{\"pm25\":0.000000000000000000001}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"temperature\":-12.75}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"temperature\":-0.0}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"temperature\":-0}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"pm25\":1.5e1}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"pm25\":123456789.012345678}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"extra\":true,\"metrics\":{\"pm25\":1}}",
            "{\"sensorId\":\"env\\u002d007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"pm25\":1}}",
            "{\"sensorId\":\"env-008\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"pm25\":1}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"pm25\":1,\"pm25\":2}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"seq\":2,\"metrics\":{\"pm25\":1}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":-1,\"metrics\":{\"pm25\":1}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":99999999999999999999,\"metrics\":{\"pm25\":1}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"pm25\":NaN}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2030-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"pm25\":1}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"1999-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"pm25\":1}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"activePower\":1}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"pm25\":100000}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":01,\"metrics\":{\"pm25\":1}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"pm25\":1.}}",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"pm25\":1}} x",
            "{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"pm25\":1}",
            "[]", "[{}]", "[1]", "{}", "\uFEFF{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"pm25\":1}}",
        };
        int plainOnes = 4; // the first four: whitespace, field order, an epoch time, an offset, tiny and negative values
        for (int i = 0; i < spellings.length; i++) {
            byte[] payload = spellings[i].getBytes(StandardCharsets.UTF_8);
            DecodeResult fast = plain.decode(TOPIC, payload, NOW);
            DecodeResult jackson = codec.decodeWithJackson(TOPIC, payload, NOW);
            if (i < plainOnes) {
                assertThat(fast).as(spellings[i]).isNotNull().isEqualTo(jackson);
                assertThat(jackson.rejections()).isEmpty();
            } else {
                assertThat(fast).as("declined: %s", spellings[i]).isNull();
            }
            assertThat(codec.decode(TOPIC, payload, NOW)).as(spellings[i]).isEqualTo(jackson);
        }
    }

    @Test
    void shouldReadEveryShortDecimalAsTheSameDoubleAsJackson() {
        SplittableRandom random = new SplittableRandom(5);
        int taken = 0;
        for (int i = 0; i < 100_000; i++) {
            String number = randomNumber(random);
            byte[] payload = ("{\"sensorId\":\"env-007\",\"ts\":\"2026-12-06T11:59:00Z\",\"seq\":1,\"metrics\":{\"temperature\":"
                + number + "}}").getBytes(StandardCharsets.UTF_8);
            DecodeResult fast = plain.decode(TOPIC, payload, NOW);
            if (fast != null) {
                taken++;
                assertThat(fast).as(number).isEqualTo(codec.decodeWithJackson(TOPIC, payload, NOW));
                double read = fast.readings().get(0).metrics().get("temperature");
                assertThat(Double.doubleToRawLongBits(read)).as(number).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(number)));
            }
        }
        assertThat(taken).isGreaterThan(50_000);
    }

    @Test
    void shouldDeclineOrAgreeWithJacksonOnMutatedPayloads() {
        SplittableRandom random = new SplittableRandom(9);
        byte[] alphabet = "{}[],:\"0123456789.-+eE \n\\tsqmeiruxaznNp5".getBytes(StandardCharsets.US_ASCII);
        int taken = 0;
        int mutants = 200_000;
        for (int i = 0; i < mutants; i++) {
            byte[] valid = i % 2 == 0 ? codec.encode(reading(random, i)) : codec.encodeBatch(batch(random, 1 + random.nextInt(3)));
            byte[] payload = mutate(valid, random, alphabet);
            DecodeResult fast = plain.decode(TOPIC, payload, NOW);
            if (fast != null) {
                taken++;
                assertThat(fast).as(text(payload)).isEqualTo(codec.decodeWithJackson(TOPIC, payload, NOW));
            }
        }
        // many mutants stay valid readings (a digit for a digit, a space between tokens): the comparison is not vacuous
        assertThat(taken).isGreaterThan(mutants / 20);
    }

    private static byte[] mutate(byte[] in, SplittableRandom r, byte[] alphabet) {
        List<Byte> b = new ArrayList<>(in.length + 4);
        for (byte x : in) {
            b.add(x);
        }
        for (int k = 0, n = 1 + r.nextInt(2); k < n && !b.isEmpty(); k++) {
            int at = r.nextInt(b.size());
            switch (r.nextInt(5)) {
                case 0 -> b.set(at, alphabet[r.nextInt(alphabet.length)]);
                case 1 -> b.add(at, alphabet[r.nextInt(alphabet.length)]);
                case 2 -> b.remove(at);
                case 3 -> b.add(at, (byte) ' ');
                default -> {
                    byte c = b.get(at);
                    if (c >= '0' && c <= '9') {
                        b.set(at, (byte) ('0' + r.nextInt(10)));
                    } else {
                        b.subList(at, b.size()).clear(); // truncated
                    }
                }
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    private static String randomNumber(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        if (r.nextBoolean()) {
            s.append('-');
        }
        int whole = r.nextInt(4);
        s.append(whole == 0 ? "0" : Long.toString(r.nextLong((long) Math.pow(10, whole))));
        if (r.nextInt(4) > 0) {
            s.append('.');
            for (int i = 0, n = 1 + r.nextInt(17); i < n; i++) {
                s.append((char) ('0' + r.nextInt(10)));
            }
        }
        return s.toString();
    }

    private static List<Reading> batch(SplittableRandom random, int n) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(reading(random, i));
        }
        return out;
    }

    /** A valid environment reading as the simulator sends it. */
    private static Reading reading(SplittableRandom random, int i) {
        String[] names = {"pm25", "pm10", "no2", "o3", "co", "temperature", "relativeHumidity", "LAeq"};
        int n = 1 + random.nextInt(5);
        String[] ns = new String[n];
        double[] vs = new double[n];
        for (int k = 0; k < n; k++) {
            ns[k] = names[(i + k) % names.length];
            MetricSpec spec = MetricCatalogue.standard().get(ns[k]);
            double scale = Math.pow(10, random.nextInt(4));
            double v = Math.rint(random.nextDouble(Math.max(spec.min(), -40), Math.min(spec.max(), 1000)) * scale) / scale;
            vs[k] = (spec.inRange(v) ? v : spec.min()) + 0.0; // + 0.0: no negative zero, which the plain decoder declines
        }
        Instant ts = NOW.minusMillis(random.nextLong(86_400_000L));
        return new Reading("env-007", ts, random.nextLong(1L << 40), MetricValues.of(ns, vs));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
