package org.aicity.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --batch-rates}: the paced steps of gateway batches, and the errors a typo gets. */
class BatchRateConverterTest {

    private final BenchmarkCli.BatchRateConverter converter = new BenchmarkCli.BatchRateConverter();

    @Test
    void parsesReadingsPerMessageAndReadingsPerSecond() {
        assertThat(converter.convert("100:50000")).isEqualTo(new BenchmarkCli.BatchRate(100, 50_000));
        assertThat(converter.convert(" 10 : 2000 ")).isEqualTo(new BenchmarkCli.BatchRate(10, 2_000));
        assertThat(converter.convert("None")).isSameAs(BenchmarkCli.NONE);
    }

    @Test
    void refusesWhatIsNotTwoPositiveIntegers() {
        for (String bad : List.of("100", "100:", ":5", "0:100", "100:0", "-1:5", "100:x", "1:2:3", "100:1e5")) {
            assertThatThrownBy(() -> converter.convert(bad)).as(bad).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("readingsPerMessage:readingsPerSecond");
        }
    }

    @Test
    void theCommandLineTakesTheDefaultsAListAndNone() {
        BenchmarkCli defaults = new BenchmarkCli();
        new CommandLine(defaults).parseArgs();
        assertThat(defaults.batchRates).containsExactly(new BenchmarkCli.BatchRate(100, 50_000), new BenchmarkCli.BatchRate(100, 100_000));

        BenchmarkCli listed = new BenchmarkCli();
        new CommandLine(listed).parseArgs("--batch-rates", "10:20000,100:80000");
        assertThat(listed.batchRates).containsExactly(new BenchmarkCli.BatchRate(10, 20_000), new BenchmarkCli.BatchRate(100, 80_000));

        BenchmarkCli none = new BenchmarkCli();
        new CommandLine(none).parseArgs("--batch-rates", "none");
        assertThat(none.batchRates).containsExactly(BenchmarkCli.NONE);

        assertThatThrownBy(() -> new CommandLine(new BenchmarkCli()).parseArgs("--batch-rates", "100:x"))
            .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--batch-rates");
    }

    @Test
    void singleReadingRatesArePositiveNumbersOrNone() {
        BenchmarkCli.RateConverter rates = new BenchmarkCli.RateConverter();
        assertThat(rates.convert(" 25000 ")).isEqualTo(25_000.0);
        assertThat(rates.convert("NONE")).isNaN();
        for (String bad : List.of("0", "-5", "x", "", "Infinity", "1:2")) {
            assertThatThrownBy(() -> rates.convert(bad)).as(bad).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("positive number of readings per second");
        }
        BenchmarkCli none = new BenchmarkCli();
        new CommandLine(none).parseArgs("--rates", "none");
        assertThat(none.rates).hasSize(1).allMatch(r -> r.isNaN());
        BenchmarkCli listed = new BenchmarkCli();
        new CommandLine(listed).parseArgs("--rates", "2000,25000");
        assertThat(listed.rates).containsExactly(2_000.0, 25_000.0);
    }
}
