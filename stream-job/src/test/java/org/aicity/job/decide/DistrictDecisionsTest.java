package org.aicity.job.decide;

import org.aicity.job.judge.Alert;
import org.aicity.job.judge.AlertKind;
import org.aicity.job.predict.Forecast;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.aicity.job.decide.DecisionRulesTest.NOW;
import static org.aicity.job.decide.DecisionRulesTest.alert;
import static org.aicity.job.decide.DecisionRulesTest.forecast;
import static org.assertj.core.api.Assertions.assertThat;

class DistrictDecisionsTest {

    private static KeyedTwoInputStreamOperatorTestHarness<String, Forecast, Alert, Recommendation> harness() throws Exception {
        DecisionRules rules = new DecisionRules(DecisionRulesTest.withPeak(400), Map.of("songdo-3", List.of("technopark-ro-westbound")));
        KeyedTwoInputStreamOperatorTestHarness<String, Forecast, Alert, Recommendation> h =
            new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new DistrictDecisions(Map.of("songdo", rules))),
                DistrictDecisions::key, DistrictDecisions::key, Types.STRING);
        h.open();
        return h;
    }

    private static List<Recommendation> output(KeyedTwoInputStreamOperatorTestHarness<String, Forecast, Alert, Recommendation> h) {
        return h.extractOutputValues();
    }

    @Test
    void shouldRecommendAtOnceWhenAnIncidentOpensAndNotAgainWhileStillValid() throws Exception {
        try (var h = harness()) {
            Alert open = alert(AlertKind.TRAFFIC_INCIDENT, "songdo-3", true);
            h.processElement2(new StreamRecord<>(open, NOW.toEpochMilli() - 180_000));
            h.processElement2(new StreamRecord<>(open, NOW.toEpochMilli() - 120_000)); // the same alert escalated

            assertThat(output(h)).extracting(Recommendation::action).containsExactly(Action.EXTEND_GREEN_TIME);
        }
    }

    @Test
    void shouldDecideOnAQuartersForecastsWhenTheWatermarkPassesTheirWindowAndRepeatOnlyAfterValidity() throws Exception {
        try (var h = harness()) {
            Forecast peak = forecast("songdo-3", "energy", "activePower", 30, 500, NOW);
            h.processElement1(new StreamRecord<>(peak, NOW.toEpochMilli() + 899_999));
            assertThat(output(h)).isEmpty();

            h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(NOW.toEpochMilli() + 900_000));
            assertThat(output(h)).singleElement().satisfies(r -> {
                assertThat(r.action()).isEqualTo(Action.DISCHARGE_STORAGE);
                assertThat(r.issuedAt()).isEqualTo(NOW.plusSeconds(900));
            });

            // the next quarter still forecasts the peak: nothing new while the first is valid (30 min)
            Forecast still = forecast("songdo-3", "energy", "activePower", 30, 510, NOW.plusSeconds(900));
            h.processElement1(new StreamRecord<>(still, NOW.toEpochMilli() + 1_799_999));
            h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(NOW.toEpochMilli() + 1_800_000));
            assertThat(output(h)).hasSize(1);

            Forecast again = forecast("songdo-3", "energy", "activePower", 30, 520, NOW.plusSeconds(1800));
            h.processElement1(new StreamRecord<>(again, NOW.toEpochMilli() + 2_699_999));
            h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(NOW.toEpochMilli() + 2_700_000));
            assertThat(output(h)).hasSize(2);
        }
    }
}
