-- Predict, judge, decide: what the stream job's forecast, anomaly and decision stages write.
-- Every table has a natural key, so the at-least-once sinks upsert and a replay stores each fact once.

-- Forecasts of a series (a sensor id, or district:<district>:<domain> for a district KPI) at each
-- horizon, with 80% and 95% prediction intervals and the two baselines made from the same data.
-- seasonal_naive is NULL in a series' first day.
CREATE TABLE forecast (
    city_id         text             NOT NULL,
    series_id       text             NOT NULL,
    metric          text             NOT NULL,
    horizon_minutes integer          NOT NULL,
    target          timestamptz      NOT NULL,
    issued_at       timestamptz      NOT NULL,
    value           double precision NOT NULL,
    lower80         double precision NOT NULL,
    upper80         double precision NOT NULL,
    lower95         double precision NOT NULL,
    upper95         double precision NOT NULL,
    persistence     double precision NOT NULL,
    seasonal_naive  double precision,
    PRIMARY KEY (city_id, series_id, metric, horizon_minutes, target)
);

-- Accuracy sums per series, horizon and hour of target time. Sums, not means, so that hours,
-- series and domains add up exactly; the API divides. The seasonal-naive comparison is over the
-- targets where that baseline existed (seasonal_count), with the model's error on the same targets.
CREATE TABLE forecast_accuracy (
    city_id                 text             NOT NULL,
    series_id               text             NOT NULL,
    metric                  text             NOT NULL,
    horizon_minutes         integer          NOT NULL,
    period_start            timestamptz      NOT NULL,
    domain                  text             NOT NULL,
    count                   bigint           NOT NULL,
    sum_abs_error           double precision NOT NULL,
    sum_smape               double precision NOT NULL,
    within80                bigint           NOT NULL,
    within95                bigint           NOT NULL,
    sum_abs_error_persistence double precision NOT NULL,
    seasonal_count          bigint           NOT NULL,
    sum_abs_error_on_seasonal double precision NOT NULL,
    sum_abs_error_seasonal  double precision NOT NULL,
    PRIMARY KEY (city_id, series_id, metric, horizon_minutes, period_start)
);
CREATE INDEX forecast_accuracy_domain_idx ON forecast_accuracy (city_id, domain, period_start);

-- Anomaly scores in [0, 1] of sensor series points at or above the job's storing threshold.
CREATE TABLE anomaly_score (
    city_id      text             NOT NULL,
    sensor_id    text             NOT NULL,
    metric       text             NOT NULL,
    bucket       timestamptz      NOT NULL,
    value        double precision,
    expected     double precision,
    z            double precision,
    score        double precision NOT NULL,
    fault        text             NOT NULL,
    PRIMARY KEY (city_id, sensor_id, metric, bucket)
);

-- Alerts with their lifecycle. alert_id is derived from city, kind, subject and the first minute of
-- evidence, so the open, escalated and closed versions of one alert are one row.
CREATE TABLE alert (
    city_id      text             NOT NULL,
    alert_id     text             NOT NULL,
    kind         text             NOT NULL,
    subject_id   text             NOT NULL,
    district_id  text,
    severity     text             NOT NULL,
    status       text             NOT NULL,
    since        timestamptz      NOT NULL,
    raised_at    timestamptz      NOT NULL,
    closed_at    timestamptz,
    peak_score   double precision NOT NULL,
    summary      text             NOT NULL,
    evidence     text[]           NOT NULL,
    updated_at   timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (city_id, alert_id)
);
CREATE INDEX alert_open_idx ON alert (city_id, status, raised_at DESC);

-- Recommendations from the decision rules: one per district, action and issue time.
CREATE TABLE recommendation (
    city_id           text        NOT NULL,
    recommendation_id text        NOT NULL,
    district_id       text        NOT NULL,
    action            text        NOT NULL,
    target            text        NOT NULL,
    issued_at         timestamptz NOT NULL,
    valid_until       timestamptz NOT NULL,
    reason            text        NOT NULL,
    evidence          text[]      NOT NULL,
    PRIMARY KEY (city_id, recommendation_id)
);
CREATE INDEX recommendation_city_issued_idx ON recommendation (city_id, issued_at DESC);
