-- Core schema: sensors, raw readings, 1-minute aggregates, dead letters and ingest status.
-- Works on plain PostgreSQL; V2 turns the time-series tables into hypertables where TimescaleDB exists.
-- Every table the stream job writes has a natural key so that writes are idempotent upserts:
-- a redelivered MQTT message, or a replay after a crash, stores each fact once.

CREATE TABLE sensor (
    city_id      text             NOT NULL,
    sensor_id    text             NOT NULL,
    domain       text             NOT NULL,
    kind         text             NOT NULL,
    district_id  text,
    lat          double precision,
    lon          double precision,
    metrics      text[]           NOT NULL,
    registered_at timestamptz     NOT NULL DEFAULT now(),
    PRIMARY KEY (city_id, sensor_id)
);

-- One row per metric of a reading. A reading is identified by (sensor, seq); ts is part of the key
-- because TimescaleDB requires the time column in every unique index of a hypertable.
CREATE TABLE reading (
    city_id      text             NOT NULL,
    sensor_id    text             NOT NULL,
    metric       text             NOT NULL,
    ts           timestamptz      NOT NULL,
    seq          bigint           NOT NULL,
    value        double precision NOT NULL,
    ingested_at  timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (city_id, sensor_id, metric, ts, seq)
);

-- 1-minute event-time statistics per sensor and metric. Late readings within the allowed lateness
-- update the row (the upsert replaces it with the window's new totals).
CREATE TABLE aggregate_1m (
    city_id      text             NOT NULL,
    sensor_id    text             NOT NULL,
    metric       text             NOT NULL,
    bucket       timestamptz      NOT NULL,
    count        bigint           NOT NULL,
    mean         double precision NOT NULL,
    min          double precision NOT NULL,
    max          double precision NOT NULL,
    last         double precision NOT NULL,
    last_ts      timestamptz      NOT NULL,
    updated_at   timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (city_id, sensor_id, metric, bucket)
);

-- Everything that failed validation, with its raw bytes and every reason. Keyed by the topic, the
-- payload's SHA-256 and the element index within a batch (-1 = the whole message), so a redelivery
-- of the same bad message is stored once (an empty payload on two topics is two dead letters).
CREATE TABLE dead_letter (
    id             bigserial        NOT NULL,
    payload_sha256 bytea            NOT NULL,
    element_index  integer          NOT NULL,
    received_at    timestamptz      NOT NULL,
    topic          text             NOT NULL,
    city_id        text,
    sensor_id      text,
    payload        bytea            NOT NULL,
    reasons        text[]           NOT NULL,
    PRIMARY KEY (topic, payload_sha256, element_index)
);
CREATE UNIQUE INDEX dead_letter_id_idx ON dead_letter (id);
CREATE INDEX dead_letter_city_received_idx ON dead_letter (city_id, received_at DESC);

-- Counters of the ingest operator, one row per pipeline and parallel subtask; the API sums them.
CREATE TABLE ingest_status (
    pipeline         text        NOT NULL,
    subtask          integer     NOT NULL,
    messages_in      bigint      NOT NULL,
    readings_valid   bigint      NOT NULL,
    readings_invalid bigint      NOT NULL,
    duplicates       bigint      NOT NULL,
    last_event_time  timestamptz,
    watermark        timestamptz,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (pipeline, subtask)
);
