package org.aicity.sim.truth;

import org.aicity.sim.truth.GroundTruthEvent.Change;
import org.aicity.sim.truth.GroundTruthEvent.Effect;
import org.aicity.sim.truth.GroundTruthEvent.Kind;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroundTruthReaderTest {

    private static final GroundTruthEvent ACCIDENT = new GroundTruthEvent("s0001", Kind.TRAFFIC_ACCIDENT, "songdo", "songdo-3",
        "technopark-ro-westbound", List.of("songdo-trf-0109", "songdo-trf-0111"), Instant.parse("2026-11-17T01:10:00Z"),
        Instant.parse("2026-11-17T01:40:00Z"),
        List.of(new Effect("averageVehicleSpeed", Change.DECREASE, List.of("songdo-trf-0111"), 0.25, null, null),
            new Effect("LAeq", Change.DECREASE, List.of("songdo-env-0071"), null, -3.0, null)),
        Map.of("segment", "technopark-wb-2", "source", "schedule"));

    @Test
    void shouldReadBackWhatItWrote(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("truth.jsonl");
        GroundTruthEvent late = new GroundTruthEvent("t17-late", Kind.LATE, "songdo", null, null, List.of("songdo-env-0001"),
            Instant.parse("2026-11-17T01:00:00Z"), Instant.parse("2026-11-17T01:00:00Z"), List.of(), Map.of("seq", "42", "delay", "PT10M"));
        try (GroundTruthWriter w = GroundTruthWriter.create(file)) {
            w.write(ACCIDENT);
            w.write(late);
        }

        assertThat(GroundTruthReader.read(file)).containsExactly(ACCIDENT, late);
        assertThat(Files.readAllLines(file).get(1)).isEqualTo("{\"id\":\"t17-late\",\"kind\":\"late\",\"category\":\"transport-fault\","
            + "\"city\":\"songdo\",\"sensors\":[\"songdo-env-0001\"],\"start\":\"2026-11-17T01:00:00Z\",\"end\":\"2026-11-17T01:00:00Z\","
            + "\"effects\":[],\"detail\":{\"delay\":\"PT10M\",\"seq\":\"42\"}}");
    }

    @Test
    void shouldNameTheLineOfABadRecord() {
        assertThatThrownBy(() -> GroundTruthReader.read("\n{\"id\":\"x\",\"kind\":\"meteor-strike\",\"start\":\"2026-11-17T01:00:00Z\",\"end\":\"2026-11-17T01:00:00Z\"}"))
            .hasMessageContaining("text line 2: unknown kind 'meteor-strike'");
    }

    @Test
    void shouldTellWhetherAnEventCoversAnInstant() {
        assertThat(ACCIDENT.covers(Instant.parse("2026-11-17T01:10:00Z"))).isTrue();
        assertThat(ACCIDENT.covers(Instant.parse("2026-11-17T01:40:00Z"))).isFalse();
        assertThat(ACCIDENT.category()).isEqualTo(GroundTruthEvent.Category.INCIDENT);
    }
}
