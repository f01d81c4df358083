package org.aicity.platform.status;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.aicity.platform.status.IngestStatusQueries.IngestTotals;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

@RestController
@Tag(name = "status")
class StatusController {

    private final IngestStatusQueries ingest;
    private final ObjectProvider<ComponentReporter> reporters;
    private final Clock clock;

    StatusController(IngestStatusQueries ingest, ObjectProvider<ComponentReporter> reporters, Clock clock) {
        this.ingest = ingest;
        this.reporters = reporters;
        this.clock = clock;
    }

    /**
     * @param watermarkLagSeconds how far the pipeline's watermark is behind now; null before the first watermark
     */
    record Ingest(long messagesIn, long readingsValid, long readingsInvalid, long duplicates,
                  Instant lastEventTime, Instant watermark, Double watermarkLagSeconds, Instant updatedAt,
                  List<IngestTotals> pipelines) {
    }

    /** @param mode embedded when every part runs in this JVM, external when none does, else mixed */
    record Status(Instant now, String mode, Ingest ingest, List<ComponentStatus> components) {
    }

    @GetMapping("/api/v1/status")
    @Operation(summary = "Ingest counters, watermark and what runs where",
        description = "Counters are summed over the stream job's subtasks; the watermark is the smallest subtask watermark.")
    Status status() {
        Instant now = clock.instant();
        List<IngestTotals> pipelines = ingest.perPipeline();
        Instant watermark = pipelines.stream().map(IngestTotals::watermark).filter(Objects::nonNull)
            .min(Comparator.naturalOrder()).orElse(null);
        Ingest totals = new Ingest(
            pipelines.stream().mapToLong(IngestTotals::messagesIn).sum(),
            pipelines.stream().mapToLong(IngestTotals::readingsValid).sum(),
            pipelines.stream().mapToLong(IngestTotals::readingsInvalid).sum(),
            pipelines.stream().mapToLong(IngestTotals::duplicates).sum(),
            pipelines.stream().map(IngestTotals::lastEventTime).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null),
            watermark,
            watermark == null ? null : Duration.between(watermark, now).toMillis() / 1000.0,
            pipelines.stream().map(IngestTotals::updatedAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null),
            pipelines);
        List<ComponentStatus> components = reporters.orderedStream().map(ComponentReporter::report).toList();
        return new Status(now, mode(components), totals, components);
    }

    private static String mode(List<ComponentStatus> components) {
        List<ComponentStatus> running = components.stream().filter(c -> !ComponentStatus.OFF.equals(c.runs())).toList();
        if (!running.isEmpty() && running.stream().allMatch(c -> ComponentStatus.EMBEDDED.equals(c.runs()))) {
            return "embedded";
        }
        if (running.stream().noneMatch(c -> ComponentStatus.EMBEDDED.equals(c.runs()))) {
            return "external";
        }
        return "mixed";
    }
}
