package org.aicity.platform.sensors;

import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("aicity.api.sensors")
record SensorsProperties(int defaultPageSize, int maxPageSize) {
    SensorsProperties {
        if (defaultPageSize < 1 || maxPageSize < defaultPageSize) {
            throw new IllegalArgumentException("aicity.api.sensors: need 1 <= default-page-size <= max-page-size, got "
                + defaultPageSize + " and " + maxPageSize);
        }
    }
}
