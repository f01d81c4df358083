package org.aicity.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL's background work in a step: differences of the server's counters, per reading, and how it is reported. */
class PostgresWorkTest {

    @Test
    void countersAreTakenAsDifferencesAndWalPerReading() {
        var start = new PostgresActivity.Counters(10L, 1_000_000L, 500L, 3L);
        var end = new PostgresActivity.Counters(14L, 1_000_000L + 1_800_000_000L, 500L + 168_000L, 66L);
        Map<String, Double> vacuum = new LinkedHashMap<>();
        vacuum.put("VACUUM ANALYZE public.reading", 30.5);
        vacuum.put("VACUUM public.aggregate_1m", 1.0);

        Results.PostgresWork w = Results.PostgresWork.of(start, end, 8_400_000, vacuum);

        assertThat(w.checkpoints()).isEqualTo(4);
        assertThat(w.walBytesPerReading()).isCloseTo(214.29, org.assertj.core.data.Offset.offset(0.01));
        assertThat(w.fullPageImagesPerThousand()).isEqualTo(20.0);
        assertThat(w.walFilesZeroFilled()).isEqualTo(63);
        assertThat(w.autovacuumSeconds()).isEqualTo(31.5);
        assertThat(w.autovacuumSecondsByTask()).containsExactly(Map.entry("VACUUM ANALYZE public.reading", 30.5),
            Map.entry("VACUUM public.aggregate_1m", 1.0));
    }

    @Test
    void aCounterTheServerDoesNotKeepOrCouldNotBeReadIsLeftOut() {
        var before18 = new PostgresActivity.Counters(1L, 100L, 2L, null);
        Results.PostgresWork w = Results.PostgresWork.of(before18, new PostgresActivity.Counters(2L, 300L, 2L, null), 100, Map.of());
        assertThat(w.walFilesZeroFilled()).isNull();
        assertThat(w.walBytesPerReading()).isEqualTo(2.0);
        assertThat(w.autovacuumSeconds()).isZero();

        Results.PostgresWork unread = Results.PostgresWork.of(null, null, 100, Map.of());
        assertThat(unread.checkpoints()).isNull();
        assertThat(unread.walBytesPerReading()).isNull();

        Results.PostgresWork nothingStored = Results.PostgresWork.of(before18, before18, 0, Map.of());
        assertThat(nothingStored.checkpoints()).isZero();
        assertThat(nothingStored.walBytesPerReading()).as("no reading to divide by").isNull();
    }

    @Test
    void theReportAndTheProgressLineSayWhatRanInTheStep() {
        Map<String, Double> vacuum = new LinkedHashMap<>();
        vacuum.put("VACUUM ANALYZE public.reading", 30.6);
        Results.PostgresWork w = new Results.PostgresWork(5L, 213.6, 19.97, 63L, 30.6, vacuum);
        Results.PipelineStep slow = new Results.PipelineStep(100, 210_000, 40.2, 8_400_000, 8_400_000, 0, 173_636, 6.4,
            Results.Percentiles.NONE, Results.Percentiles.NONE, List.of(), null, w);
        Results.PipelineStep quiet = new Results.PipelineStep(100, 210_000, 40.2, 8_400_000, 8_400_000, 0, 205_114, 0.1,
            Results.Percentiles.NONE, Results.Percentiles.NONE, List.of(), null,
            new Results.PostgresWork(4L, 190.0, 12.0, 0L, 0, Map.of()));

        String md = MarkdownReport.render(new Results(Map.of("cores", 2), Map.of(), List.of(), List.of(slow, quiet), List.of(), true));

        assertThat(md).contains("PostgreSQL's background work in each step")
            .contains("| 100 | 210,000 | 173,636 | 5 | 31 (VACUUM ANALYZE public.reading 31) | 63 | 214 | 20.0 |")
            .contains("| 100 | 210,000 | 205,114 | 4 | 0 | 0 | 190 | 12.0 |");
        assertThat(BenchmarkCli.postgresText(w)).isEqualTo("PostgreSQL in the step: 5 checkpoint(s), autovacuum "
            + "31 (VACUUM ANALYZE public.reading 31) s, 63 new WAL file(s) filled with zeros, 214 WAL bytes a reading, 20.0 full-page images per 1,000 readings");
    }

    @Test
    void aRunWithoutTheseFiguresHasNoSuchTable() {
        Results.PipelineStep old = new Results.PipelineStep(100, 210_000, 40.2, 8_400_000, 8_400_000, 0, 205_114, 0.1,
            Results.Percentiles.NONE, Results.Percentiles.NONE, List.of(), null);
        String md = MarkdownReport.render(new Results(Map.of("cores", 2), Map.of(), List.of(), List.of(old), List.of(), true));
        assertThat(md).doesNotContain("background work");
    }
}
