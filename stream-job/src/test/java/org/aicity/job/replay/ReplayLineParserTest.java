package org.aicity.job.replay;

import org.aicity.job.ingest.Measurement;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayLineParserTest {

    private static final Instant T = Instant.parse("2026-11-08T15:00:00Z");

    @Test
    void shouldTellTheThreeFormatsFromTheirFirstLine() {
        assertThat(ReplayFormat.detect("timestamp,sensorId,metric,value")).isEqualTo(ReplayFormat.READINGS_CSV);
        assertThat(ReplayFormat.detect("2026-11-08T15:00:00Z,songdo-trf-0001,occupancy,0.2")).isEqualTo(ReplayFormat.READINGS_CSV);
        assertThat(ReplayFormat.detect("{\"sensorId\":\"a\",\"ts\":\"2026-11-08T15:00:00Z\",\"seq\":1,\"metrics\":{}}"))
            .isEqualTo(ReplayFormat.READINGS_JSONL);
        assertThat(ReplayFormat.detect("timestamp,value")).isEqualTo(ReplayFormat.SERIES_CSV);
        assertThatThrownBy(() -> ReplayFormat.detect("a;b;c")).hasMessageContaining("cannot tell the input format");
    }

    @Test
    void shouldReadASimulatorCsvRowAndSkipItsHeader() {
        ReplayLineParser p = new ReplayLineParser(ReplayFormat.READINGS_CSV, "songdo", "series", "value");

        assertThat(p.parse(1, "timestamp,sensorId,metric,value")).isEmpty();
        assertThat(p.parse(2, "2026-11-08T15:00:00Z,songdo-trf-0001,occupancy,0.023"))
            .containsExactly(new ReplayRow(2, new Measurement("songdo", "songdo-trf-0001", "occupancy", T, 0, 0.023)));
    }

    @Test
    void shouldGiveEveryMetricOfAJsonLineItsOwnRowWithTheLineNumber() {
        ReplayLineParser p = new ReplayLineParser(ReplayFormat.READINGS_JSONL, "songdo", "series", "value");

        assertThat(p.parse(7, "{\"sensorId\":\"songdo-trf-0001\",\"ts\":\"2026-11-08T15:00:00Z\",\"seq\":41,"
            + "\"metrics\":{\"intensity\":2,\"occupancy\":0.023}}")).containsExactly(
            new ReplayRow(7, new Measurement("songdo", "songdo-trf-0001", "intensity", T, 41, 2)),
            new ReplayRow(7, new Measurement("songdo", "songdo-trf-0001", "occupancy", T, 41, 0.023)));
    }

    @Test
    void shouldNameASingleSeriesAsConfiguredAndAcceptAnOffset() {
        ReplayLineParser p = new ReplayLineParser(ReplayFormat.SERIES_CSV, "songdo", "meter-7", "activePower");

        assertThat(p.parse(1, "timestamp,value")).isEmpty();
        assertThat(p.parse(2, "2026-11-09T00:00:00+09:00,412.5"))
            .containsExactly(new ReplayRow(2, new Measurement("songdo", "meter-7", "activePower", T, 0, 412.5)));
    }

    @Test
    void shouldRefuseALineWithAReasonInsteadOfGuessing() {
        ReplayLineParser csv = new ReplayLineParser(ReplayFormat.READINGS_CSV, "songdo", "series", "value");
        ReplayLineParser json = new ReplayLineParser(ReplayFormat.READINGS_JSONL, "songdo", "series", "value");

        assertThatThrownBy(() -> csv.parse(3, "2026-11-08T15:00:00Z,songdo-trf-0001,occupancy,NaN"))
            .hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> csv.parse(3, "yesterday,songdo-trf-0001,occupancy,1")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> csv.parse(3, "2026-11-08T15:00:00Z,occupancy,1")).hasMessageContaining("expected 4");
        assertThatThrownBy(() -> json.parse(3, "{\"sensorId\":\"a\"")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> json.parse(3, "{\"sensorId\":\"a\",\"ts\":\"2026-11-08T15:00:00Z\",\"metrics\":{\"x\":\"1\"}}"))
            .hasMessageContaining("not a number");
    }
}
