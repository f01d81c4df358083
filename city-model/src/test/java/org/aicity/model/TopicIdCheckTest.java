package org.aicity.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written id check and topic parser accept exactly what the regex and the old parser did. */
class TopicIdCheckTest {

    private static boolean regex(String s) {
        return Topic.ID.matcher(s).matches();
    }

    private static void assertSame(String s) {
        assertThat(Topic.isValidId(s)).as("isValidId(\"%s\") %s", s, codes(s)).isEqualTo(regex(s));
    }

    private static String codes(String s) {
        StringBuilder b = new StringBuilder("[");
        s.chars().forEach(c -> b.append(Integer.toHexString(c)).append(' '));
        return b.append(']').toString();
    }

    /** Characters near every boundary of the classes, and non-ASCII look-alikes. */
    private static final String INTERESTING = "az09AZ_-.`{@[/:\\ \t\n\r\u0000+~"
        + "\u00e9\u0131\u017f\u212a\uff10\uff41\u0660\u00a0\u2010\u2011\ufe63\uff0d\uff3f"
        + "\ud83d\ude00\ud83d\udc00"; // a surrogate pair, and halves of another when cut

    @Test
    void emptyAndEveryCharacterAlone() {
        assertSame("");
        for (char c = 0; c < 0x800; c++) {
            assertSame(String.valueOf(c));
            assertSame("a" + c);
            assertSame(c + "a");
            assertSame("a" + c + "a");
        }
        for (String s : List.of("\u212a", "\u0131", "\u017f", "\uff10", "\ud83d\ude00", "\ud83d", "\ude00", "a\ud83d\ude00")) {
            assertSame(s);
        }
    }

    @Test
    void lengthBoundaries() {
        for (int n = 0; n <= 70; n++) {
            for (String unit : List.of("a", "0", "_", "-", "z9", "a-", "-a")) {
                String s = unit.repeat(n + 1).substring(0, n);
                assertSame(s);
                assertSame("a" + s);
                assertSame("a" + s + "\u00e9");
            }
        }
        assertThat(Topic.isValidId("a".repeat(64))).isTrue();
        assertThat(Topic.isValidId("a".repeat(65))).isFalse();
        assertThat(Topic.isValidId("a".repeat(63) + "\ud83d\ude00")).isFalse();
    }

    @Test
    void randomStringsAgreeWithTheRegex() {
        Random rnd = new Random(20261121);
        String idChars = "abcdefghijklmnopqrstuvwxyz0123456789_-";
        int valid = 0;
        for (int i = 0; i < 300_000; i++) {
            int len = rnd.nextInt(70);
            StringBuilder b = new StringBuilder(len);
            int mode = rnd.nextInt(4);
            for (int j = 0; j < len; j++) {
                char c = switch (mode) {
                    case 0 -> idChars.charAt(rnd.nextInt(idChars.length()));
                    case 1 -> (char) rnd.nextInt(128);
                    case 2 -> rnd.nextInt(20) == 0 ? INTERESTING.charAt(rnd.nextInt(INTERESTING.length()))
                        : idChars.charAt(rnd.nextInt(idChars.length()));
                    default -> (char) rnd.nextInt(Character.MAX_VALUE + 1);
                };
                b.append(c);
            }
            String s = b.toString();
            assertSame(s);
            valid += regex(s) ? 1 : 0;
        }
        assertThat(valid).as("the sample has plenty of valid ids too").isGreaterThan(30_000);
    }

    @Test
    void nullIsRejectedAsTheMatcherDid() {
        assertThatThrownBy(() -> Topic.ID.matcher(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Topic.isValidId(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Topic(null, Domain.TRAFFIC, "s1")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void constructorStillValidates() {
        assertThat(new Topic("songdo", Domain.TRAFFIC, "a".repeat(64)).sensorId()).hasSize(64);
        for (String bad : List.of("", "A", "-a", "_a", "a".repeat(65), "caf\u00e9", "a b", "a/b")) {
            assertThatThrownBy(() -> new Topic(bad, Domain.TRAFFIC, "s1")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Topic("songdo", Domain.TRAFFIC, bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Topic.parse as it was, with split and the regex: the reference for the new parser. */
    private static Topic.Parsed referenceParse(String topic) {
        List<Violation> v = new ArrayList<>();
        if (topic == null || topic.isEmpty()) {
            return new Topic.Parsed(null, List.of(new Violation("topic", "is empty")));
        }
        String[] parts = topic.split("/", -1);
        if (parts.length != 4 || !"city".equals(parts[0])) {
            return new Topic.Parsed(null, List.of(new Violation("topic",
                "'" + topic + "' does not have the form city/{cityId}/{domain}/{sensorId}")));
        }
        if (!Topic.ID.matcher(parts[1]).matches()) {
            v.add(new Violation("topic.cityId", "'" + parts[1] + "' is not a valid id (" + Topic.ID.pattern() + ")"));
        }
        Domain d = Domain.fromWire(parts[2]).orElse(null);
        if (d == null) {
            v.add(new Violation("topic.domain", "'" + parts[2] + "' is not one of traffic, energy, environment"));
        }
        if (!Topic.ID.matcher(parts[3]).matches()) {
            v.add(new Violation("topic.sensorId", "'" + parts[3] + "' is not a valid id (" + Topic.ID.pattern() + ")"));
        }
        return v.isEmpty() ? new Topic.Parsed(new Topic(parts[1], d, parts[3]), List.of()) : new Topic.Parsed(null, List.copyOf(v));
    }

    @Test
    void parseAgreesWithTheSplitAndRegexParser() {
        List<String> fixed = new ArrayList<>(List.of("", "/", "///", "////", "city", "city/", "city//", "city///", "city////",
            "city/a/traffic/b", "city/a/traffic/b/", "/city/a/traffic/b", "City/a/traffic/b", "cityx/a/traffic/b",
            "xcity/a/traffic/b", "cit/a/traffic/b", "city/a/Traffic/b", "city/a/traffic/b/meta", "city/a//b",
            "city//traffic/", "city/" + "a".repeat(64) + "/energy/" + "0".repeat(64),
            "city/" + "a".repeat(65) + "/energy/" + "0".repeat(65), "city/songdo/environment/songdo-env-0007",
            "city/Songdo/water/x y", "city/+/+/+", "city/#", "city/a/traffic/b\u0000", "city/\u00e9/traffic/b"));
        fixed.add(null);
        for (String t : fixed) {
            assertThat(Topic.parse(t)).as(String.valueOf(t)).isEqualTo(referenceParse(t));
        }
        String[] segments = {"city", "City", "", "songdo", "songdo-trf-0042", "a", "-a", "A", "traffic", "energy",
            "environment", "weather", "TRAFFIC", "a".repeat(64), "a".repeat(65), "x y", "caf\u00e9", "_", "0", "meta", "+", "#"};
        Random rnd = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            int n = 1 + rnd.nextInt(6);
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < n; j++) {
                if (j > 0) {
                    b.append('/');
                }
                // mostly well-formed: city/{id}/{domain}/{id}
                String seg = segments[rnd.nextInt(segments.length)];
                if (rnd.nextInt(3) > 0) {
                    seg = switch (j) {
                        case 0 -> "city";
                        case 2 -> segments[8 + rnd.nextInt(3)];
                        default -> seg;
                    };
                }
                b.append(seg);
            }
            String t = b.toString();
            assertThat(Topic.parse(t)).as(t).isEqualTo(referenceParse(t));
        }
    }

    @Test
    void domainLookupIsUnchanged() {
        for (Domain d : Domain.values()) {
            assertThat(d.wireName()).isEqualTo(d.name().toLowerCase(java.util.Locale.ROOT));
            assertThat(Domain.fromWire(d.wireName())).contains(d);
        }
        assertThat(Domain.fromWire("Traffic")).isEmpty();
        assertThat(Domain.fromWire(null)).isEmpty();
        assertThat(Domain.fromWire("")).isEmpty();
    }
}
