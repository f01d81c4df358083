package org.aicity.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform process's heap: fixed and touched at start by default, growing with --no-platform-heap-fixed. */
class PlatformHeapOptionsTest {

    @Test
    void fixedByDefault() {
        BenchmarkCli cli = new BenchmarkCli();
        new CommandLine(cli).parseArgs();

        assertThat(cli.platformHeapFixed).isTrue();
        assertThat(PlatformProcess.heapOptions(cli.platformHeap, cli.platformHeapFixed))
            .containsExactly("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");
    }

    @Test
    void growingWhenAskedAndWithTheHeapGiven() {
        BenchmarkCli cli = new BenchmarkCli();
        new CommandLine(cli).parseArgs("--no-platform-heap-fixed", "--platform-heap", "768m");

        assertThat(PlatformProcess.heapOptions(cli.platformHeap, cli.platformHeapFixed)).containsExactly("-Xmx768m");
    }

    @Test
    void theFlagSaidPlainlyIsFixedToo() {
        BenchmarkCli cli = new BenchmarkCli();
        new CommandLine(cli).parseArgs("--platform-heap-fixed", "--platform-heap", "2g");

        assertThat(PlatformProcess.heapOptions(cli.platformHeap, cli.platformHeapFixed))
            .containsExactly("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch");
    }
}
