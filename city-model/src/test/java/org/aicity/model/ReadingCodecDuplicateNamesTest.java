package org.aicity.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The codec refuses a JSON object with a repeated name wherever it is, ignored content included,
 * as the parser's own strict duplicate detection (which it no longer uses, for speed) did; and a
 * name repeated in different objects is no duplicate.
 */
class ReadingCodecDuplicateNamesTest {

    private static final String TOPIC = "city/songdo/traffic/songdo-trf-0001";
    private static final Instant NOW = Instant.parse("2026-11-21T08:16:00Z");
    private static final String SENSOR = "\"sensorId\":\"songdo-trf-0001\"";
    private static final String TS = "\"ts\":\"2026-11-21T08:15:00Z\"";
    private static final String METRICS = "\"metrics\":{\"intensity\":1,\"occupancy\":0.5}";
    private static final String READING = "{" + SENSOR + "," + TS + ",\"seq\":1," + METRICS + "}";

    private final ReadingCodec codec = new ReadingCodec();
    private final JsonFactory strict = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private List<String> reasons(String json) {
        return codec.decode(TOPIC, json.getBytes(StandardCharsets.UTF_8), NOW).rejections().stream()
            .flatMap(r -> r.reasonTexts().stream()).toList();
    }

    /** The name Jackson's strict detection refuses, or null if it reads the whole text. */
    private String strictlyRepeated(String json) throws Exception {
        try (JsonParser p = strict.createParser(json)) {
            while (p.nextToken() != null) {
                // every token, so that every object is checked
            }
            return null;
        } catch (JsonParseException e) {
            String m = e.getOriginalMessage();
            assertThat(m).startsWith("Duplicate field '");
            return m.substring("Duplicate field '".length(), m.indexOf('\'', "Duplicate field '".length()));
        }
    }

    private static String keys(int n, String last) {
        return IntStream.range(0, n).mapToObj(i -> "\"k" + i + "\":" + i).collect(Collectors.joining(",")) + "," + last;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{" + SENSOR + "," + TS + ",\"seq\":1,\"seq\":2," + METRICS + "}",
        "{" + SENSOR + "," + SENSOR + "," + TS + ",\"seq\":1," + METRICS + "}",
        "{" + SENSOR + "," + TS + "," + TS + ",\"seq\":1," + METRICS + "}",
        "{" + SENSOR + "," + TS + ",\"seq\":1," + METRICS + "," + METRICS + "}",
        "{" + SENSOR + "," + TS + ",\"seq\":1,\"x\":1," + METRICS + ",\"x\":2}",
        "{" + SENSOR + "," + TS + ",\"seq\":1,\"x\":{\"a\":1,\"b\":{\"c\":1,\"c\":2}}," + METRICS + "}",
        "{" + SENSOR + "," + TS + ",\"seq\":1,\"x\":[1,[{\"a\":1,\"a\":1}]]," + METRICS + "}",
        "{" + SENSOR + "," + TS + ",\"seq\":1,\"metrics\":{\"intensity\":1,\"occupancy\":0.5,\"intensity\":2}}",
        "{" + SENSOR + "," + TS + ",\"seq\":1,\"metrics\":{\"intensity\":1,\"nope\":1,\"nope\":2}}",
        "{" + SENSOR + "," + TS + ",\"seq\":1,\"metrics\":{\"intensity\":{\"a\":1,\"a\":2}}}",
        "{\"sensorId\":{\"a\":1,\"a\":2}," + TS + ",\"seq\":1," + METRICS + "}",
        "{" + SENSOR + ",\"ts\":[{\"a\":1,\"a\":2}],\"seq\":1," + METRICS + "}",
        "[" + READING + ",[{\"a\":1,\"a\":2}]]",
        "[" + READING + ",{" + SENSOR + "," + TS + ",\"seq\":2,\"seq\":3," + METRICS + "}]",
        "{" + SENSOR + "," + TS + ",\"seq\":1,\"x\":{" + "KEYS20" + "}," + METRICS + "}",
        "{" + SENSOR + "," + TS + ",\"seq\":1,\"KEYS20TOP\":0," + METRICS + "}",
    })
    void refusesTheWholeMessageAtTheRepeatedNameAsTheStrictParserDoes(String template) throws Exception {
        String json = template.replace("\"KEYS20TOP\":0", keys(20, "\"k7\":1"))
            .replace("KEYS20", keys(20, "\"k13\":1"));
        String repeated = strictlyRepeated(json);
        assertThat(repeated).as("the strict parser refuses %s", json).isNotNull();
        assertThat(reasons(json)).singleElement().asString()
            .startsWith("payload: is not well-formed JSON: Duplicate field '" + repeated + "' at line 1, column ");
    }

    @Test
    void theSameNameInDifferentObjectsIsNoDuplicate() throws Exception {
        String json = "[" + READING.replace("\"seq\":1", "\"seq\":1,\"x\":{\"a\":1,\"y\":{\"a\":1}},\"y\":[{\"a\":1},{\"a\":1}]") + ","
            + READING.replace("\"seq\":1", "\"seq\":2,\"x\":{" + keys(30, "\"k30\":1") + "}") + "]";
        assertThat(strictlyRepeated(json)).isNull();
        DecodeResult r = codec.decode(TOPIC, json.getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(r.rejections()).isEmpty();
        assertThat(r.readings()).extracting(Reading::seq).containsExactly(1L, 2L);
        assertThat(r.readings().get(1).metrics()).containsExactly(
            java.util.Map.entry("intensity", 1.0), java.util.Map.entry("occupancy", 0.5));
    }

    @Test
    void pointsAtTheRepeatedName() {
        String json = "{\"seq\":1,\"seq\":2}";
        assertThat(reasons(json)).containsExactly(
            "payload: is not well-formed JSON: Duplicate field 'seq' at line 1, column 10");
    }

    @Test
    void findsARepeatedNameAmongManyInAnIgnoredObject() {
        // past the few names an object usually has, the names go into a hash set
        String many = IntStream.range(0, 50_000).mapToObj(i -> "\"u" + i + "\":0").collect(Collectors.joining(","));
        assertThat(reasons("{" + SENSOR + "," + TS + ",\"seq\":1," + METRICS + ",\"x\":{" + many + ",\"u5\":1}}"))
            .singleElement().asString().contains("Duplicate field 'u5'");
        DecodeResult fine = codec.decode(TOPIC, ("{" + SENSOR + "," + TS + ",\"seq\":1," + METRICS + ",\"x\":{" + many + "}}")
            .getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(fine.rejections()).isEmpty();
        assertThat(fine.readings()).hasSize(1);
    }
}
