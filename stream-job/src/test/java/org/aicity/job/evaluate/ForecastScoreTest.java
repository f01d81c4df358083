package org.aicity.job.evaluate;

import org.aicity.job.replay.ReplayFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ForecastScoreTest {

    @TempDir
    Path dir;

    @Test
    void shouldCountTheLastVersionOfEachPeriodAndCompareBaselinesOnTheirTargets() throws Exception {
        Path file = dir.resolve("accuracy.csv");
        Files.write(file, List.of(ReplayFiles.ACCURACY_HEADER,
            // an open period flushed early, then complete: only the second counts
            "songdo,songdo-trf-0001,traffic,occupancy,15,2026-11-10T00:00:00Z,10,1.0,0,8,10,2.0,0,0,0",
            "songdo,songdo-trf-0001,traffic,occupancy,15,2026-11-10T00:00:00Z,60,3.0,0,48,57,6.0,60,3.0,4.5",
            "songdo,songdo-nrg-0001,energy,activePower,15,2026-11-10T00:00:00Z,60,600.0,0,48,57,900.0,0,0,0",
            "songdo,district:songdo-1:traffic,traffic,occupancy,15,2026-11-10T00:00:00Z,4,0.4,0,3,4,0.2,4,0.4,0.8",
            "songdo,songdo-trf-0001,traffic,occupancy,15,2026-11-09T23:00:00Z,60,60.0,0,48,57,60.0,60,60.0,60.0"));

        List<ForecastScore.Horizon> sensors = ForecastScore.read(file, Instant.parse("2026-11-10T00:00:00Z"),
            Instant.parse("2026-11-11T00:00:00Z"), false);

        assertThat(sensors).singleElement().satisfies(h -> {
            assertThat(h.minutes()).isEqualTo(15);
            assertThat(h.pooled().count()).isEqualTo(120);
            assertThat(h.pooled().maeModel()).isEqualTo(603.0 / 120);
            assertThat(h.pooled().maePersistence()).isEqualTo(906.0 / 120);
            assertThat(h.pooled().maeModelOnSeasonal()).isEqualTo(3.0 / 60);
            assertThat(h.pooled().maeSeasonal()).isEqualTo(4.5 / 60);
            assertThat(h.ratioToPersistence()).isCloseTo(Math.sqrt(0.5 * (600.0 / 900)), within(1e-12));
            assertThat(h.ratioToSeasonal()).isCloseTo(3.0 / 4.5, within(1e-12));
        });
        assertThat(ForecastScore.read(file, Instant.parse("2026-11-10T00:00:00Z"), Instant.parse("2026-11-11T00:00:00Z"), true))
            .singleElement().satisfies(h -> assertThat(h.pooled().count()).isEqualTo(4));
    }
}
