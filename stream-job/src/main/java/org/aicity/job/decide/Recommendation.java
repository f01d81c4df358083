package org.aicity.job.decide;

import java.time.Instant;
import java.util.Locale;

/**
 * A row of {@code recommendation}: one action for one district, valid for a while.
 *
 * @param recommendationId stable across replays: city, action, district and issue time
 * @param target           what the action applies to: corridor ids, or the district
 * @param reason           one sentence an operator reads first
 * @param evidence         the forecasts and alerts the rule fired on
 */
public record Recommendation(String cityId, String recommendationId, String districtId, Action action, String target,
                             Instant issuedAt, Instant validUntil, String reason, String[] evidence) {

    public static String idOf(String cityId, Action action, String districtId, Instant issuedAt) {
        return cityId + ":" + action.name().toLowerCase(Locale.ROOT) + ":" + districtId + ":" + issuedAt.getEpochSecond();
    }
}
