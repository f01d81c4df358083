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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Loads and checks city definition files (JSON). */
public final class CityDefinitions {

    /** The cities shipped inside this module, loadable by id: Songdo (the default) and Goyang (Ilsan). */
    public static final List<String> BUILT_IN = List.of("songdo", "goyang");

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
        checkSites(c, districts, problems);
        checkCorridors(c, problems);
        return problems;
    }

    private static void checkSites(CityDefinition c, Set<String> districts, List<String> problems) {
        Set<String> sites = new HashSet<>();
        for (CityDefinition.Site site : c.sites()) {
            if (site.id() == null || !sites.add(site.id())) {
                problems.add("site '" + site.id() + "' is " + (site.id() == null ? "missing its id" : "defined twice"));
            }
            if (site.district() != null && !districts.contains(site.district())) {
                problems.add("site '" + site.id() + "' is in unknown district '" + site.district() + "'");
            }
            if (site.capacityKw() != null && !(site.capacityKw() > 0)) {
                problems.add("site '" + site.id() + "' has capacityKw " + site.capacityKw() + "; it must be positive");
            }
        }
        for (CityDefinition.SensorDefinition s : c.sensors()) {
            if (s.site() != null && !sites.contains(s.site())) {
                problems.add("sensor '" + s.id() + "' measures unknown site '" + s.site() + "'");
            }
        }
    }

    private static void checkCorridors(CityDefinition c, List<String> problems) {
        Map<String, CityDefinition.SensorDefinition> sensors = new HashMap<>();
        c.sensors().forEach(s -> sensors.putIfAbsent(s.id(), s));
        Set<String> corridors = new HashSet<>();
        Set<String> segments = new HashSet<>();
        Map<String, String> segmentOfSensor = new HashMap<>();
        for (CityDefinition.Corridor corridor : c.corridors()) {
            if (corridor.id() == null || !corridors.add(corridor.id())) {
                problems.add("corridor '" + corridor.id() + "' is " + (corridor.id() == null ? "missing its id" : "defined twice"));
            }
            if (corridor.segments().isEmpty()) {
                problems.add("corridor '" + corridor.id() + "' has no segments");
            }
            for (CityDefinition.Segment segment : corridor.segments()) {
                if (segment.id() == null || !segments.add(segment.id())) {
                    problems.add("segment '" + segment.id() + "' of corridor '" + corridor.id() + "' is "
                        + (segment.id() == null ? "missing its id" : "defined twice"));
                }
                for (String sensorId : segment.sensors()) {
                    CityDefinition.SensorDefinition s = sensors.get(sensorId);
                    if (s == null) {
                        problems.add("segment '" + segment.id() + "' names unknown sensor '" + sensorId + "'");
                    } else if (s.domain() != Domain.TRAFFIC) {
                        problems.add("segment '" + segment.id() + "' names " + sensorId + ", which is not a traffic sensor");
                    }
                    String before = segmentOfSensor.put(sensorId, segment.id());
                    if (before != null) {
                        problems.add("sensor '" + sensorId + "' is on two segments, '" + before + "' and '" + segment.id() + "'");
                    }
                }
            }
        }
    }
}
