package org.aicity.job.judge;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AirQualityBandTest {

    @Test
    void shouldUseTheKoreanBandsForPm10AndPm25() {
        assertThat(AirQualityBand.of("pm10", 30.4)).contains(AirQualityBand.GOOD);
        assertThat(AirQualityBand.of("pm10", 31)).contains(AirQualityBand.MODERATE);
        assertThat(AirQualityBand.of("pm10", 81)).contains(AirQualityBand.BAD);
        assertThat(AirQualityBand.of("pm10", 151)).contains(AirQualityBand.VERY_BAD);
        assertThat(AirQualityBand.of("pm25", 15)).contains(AirQualityBand.GOOD);
        assertThat(AirQualityBand.of("pm25", 35)).contains(AirQualityBand.MODERATE);
        assertThat(AirQualityBand.of("pm25", 36)).contains(AirQualityBand.BAD);
        assertThat(AirQualityBand.of("pm25", 76)).contains(AirQualityBand.VERY_BAD);
    }

    @Test
    void shouldHaveNoBandForOtherMetricsOrUnknownMeans() {
        assertThat(AirQualityBand.of("no2", 500)).isEmpty();
        assertThat(AirQualityBand.of("pm25", Double.NaN)).isEmpty();
    }
}
