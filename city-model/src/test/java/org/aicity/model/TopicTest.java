package org.aicity.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicTest {

    @Test
    void parsesAReadingTopic() {
        Topic.Parsed p = Topic.parse("city/songdo/environment/songdo-env-0007");
        assertThat(p.ok()).isTrue();
        assertThat(p.topic()).isEqualTo(new Topic("songdo", Domain.ENVIRONMENT, "songdo-env-0007"));
        assertThat(p.topic().metaName()).isEqualTo("city/songdo/environment/songdo-env-0007/meta");
    }

    @Test
    void namesEveryBadSegment() {
        Topic.Parsed p = Topic.parse("city/Songdo/water/x y");
        assertThat(p.ok()).isFalse();
        assertThat(p.violations()).extracting(Violation::field)
            .containsExactly("topic.cityId", "topic.domain", "topic.sensorId");
        assertThat(Topic.parse("city/songdo/traffic/s1/meta").violations()).singleElement()
            .extracting(Violation::message).asString().contains("does not have the form");
    }
}
