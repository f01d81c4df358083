package org.aicity.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Loads and checks city definition files (JSON). */
public final class CityDefinitions {

    /** The cities shipped inside this module, loadable by id. */
    public static final List<String> BUILT_IN = List.of("songdo");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private CityDefinitions() {
    }

    /** A built-in city by id, e.g. {@code songdo}. */
    public static CityDefinition builtIn(String id) {
        if (!BUILT_IN.contains(id)) {
            throw new IllegalArgumentException("no built-in city '" + id + "'; built-in cities are " + BUILT_IN
                + ", or give a city definition file");
        }
        try (InputStream in = CityDefinitions.class.getResourceAsStream("/cities/" + id + ".json")) {
            if (in == null) {
                throw new IllegalStateException("city resource /cities/" + id + ".json missing from city-model");
            }
            return read(in, "built-in city " + id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A city id of a built-in city, or the path of a city definition file. */
    public static CityDefinition resolve(String idOrPath) {
        if (BUILT_IN.contains(idOrPath)) {
            return builtIn(idOrPath);
        }
        Path p = Path.of(idOrPath);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("'" + idOrPath + "' is neither a built-in city " + BUILT_IN
                + " nor a readable city definition file");
        }
        try (InputStream in = Files.newInputStream(p)) {
            return read(in, p.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CityDefinition read(InputStream in, String source) throws IOException {
        CityDefinition c = MAPPER.readValue(in, CityDefinition.class);
        List<String> problems = check(c, MetricCatalogue.standard());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("city definition " + source + " is invalid:\n  - " + String.join("\n  - ", problems));
        }
        return c;
    }

    /** Every problem with a definition; empty when it is usable. */
    public static List<String> check(CityDefinition c, MetricCatalogue catalogue) {
        List<String> problems = new ArrayList<>();
        if (c.id() == null || !Topic.ID.matcher(c.id()).matches()) {
            problems.add("id '" + c.id() + "' must match " + Topic.ID.pattern());
        }
        if (c.timezone() == null) {
            problems.add("timezone is required (an IANA zone such as Asia/Seoul)");
        } else {
            try {
                java.time.ZoneId.of(c.timezone());
            } catch (java.time.DateTimeException e) {
                problems.add("timezone '" + c.timezone() + "' is not an IANA zone");
            }
        }
        Set<String> districts = new HashSet<>();
        for (CityDefinition.District d : c.districts()) {
            if (!districts.add(d.id())) {
                problems.add("district '" + d.id() + "' is defined twice");
            }
        }
        Set<String> ids = new HashSet<>();
        for (CityDefinition.SensorDefinition s : c.sensors()) {
            if (s.id() == null || !Topic.ID.matcher(s.id()).matches()) {
                problems.add("sensor id '" + s.id() + "' must match " + Topic.ID.pattern());
            } else if (!ids.add(s.id())) {
                problems.add("sensor '" + s.id() + "' is defined twice");
            }
            if (s.domain() == null) {
                problems.add("sensor '" + s.id() + "' has no domain");
            }
            if (s.district() != null && !districts.contains(s.district())) {
                problems.add("sensor '" + s.id() + "' is in unknown district '" + s.district() + "'");
            }
            if (s.metrics().isEmpty()) {
                problems.add("sensor '" + s.id() + "' reports no metrics");
            }
            for (String m : s.metrics()) {
                MetricSpec spec = catalogue.find(m).orElse(null);
                if (spec == null) {
                    problems.add("sensor '" + s.id() + "' reports unknown metric '" + m + "'");
                } else if (s.domain() != null && !spec.domains().contains(s.domain())) {
                    problems.add("sensor '" + s.id() + "' reports " + m + ", which is not a " + s.domain().wireName() + " metric");
                }
            }
        }
        return problems;
    }
}
