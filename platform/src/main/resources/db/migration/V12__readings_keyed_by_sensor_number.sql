-- Readings keyed by a number per sensor, (sensor_key, ts, seq), instead of (city_id, sensor_id, ts, seq).
--
-- Why: the benchmark's batches of 100 readings per message are limited by the whole machine's CPU,
-- and PostgreSQL's writing backend is its largest user; most of that backend's work per row is
-- the primary key's index. With two texts leading the key, every insert compares texts through the
-- collation at each level of the index. Server-side binary COPY of 1,000,000 readings of 300
-- sensors into PostgreSQL 15, runs alternating between the two tables: 3.8-6.8 s keyed by text,
-- 2.6-4.1 s keyed by number (9 runs each; this machine's timings drift); without any index 1.1 s.
--
-- sensor_key numbers each (city_id, sensor_id) once, for good. reading keeps city_id and sensor_id
-- too (they cost little, and a row reads on its own); sensor_key is what the key and queries use.
-- Writers take the number from sensor_key: the stream job's COPY keeps the numbers it knows and
-- registers new sensors with sensor_key_for before it writes their first readings; an INSERT can
-- call sensor_key_for(city_id, sensor_id) itself. A row's sensor_key and texts always name the same
-- sensor: both come from the reading being written.
CREATE TABLE sensor_key (
    key       integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    city_id   text NOT NULL,
    sensor_id text NOT NULL,
    UNIQUE (city_id, sensor_id)
);

-- The number of a sensor, registered on first use. Safe when sessions register the same sensor at
-- once: the INSERT waits for the other one's transaction, and the SELECT after it sees its row.
CREATE FUNCTION sensor_key_for(city text, sensor text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    k integer;
BEGIN
    SELECT key INTO k FROM sensor_key WHERE city_id = city AND sensor_id = sensor;
    IF k IS NULL THEN
        INSERT INTO sensor_key (city_id, sensor_id) VALUES (city, sensor) ON CONFLICT DO NOTHING RETURNING key INTO k;
        IF k IS NULL THEN
            SELECT key INTO k FROM sensor_key WHERE city_id = city AND sensor_id = sensor;
        END IF;
    END IF;
    RETURN k;
END
$$;

ALTER TABLE reading RENAME TO reading_keyed_by_text;
ALTER TABLE reading_keyed_by_text RENAME CONSTRAINT reading_pkey TO reading_keyed_by_text_pkey;
ALTER TABLE reading_keyed_by_text RENAME CONSTRAINT reading_metrics_parallel TO reading_keyed_by_text_metrics_parallel;

CREATE TABLE reading (
    city_id       text               NOT NULL,
    sensor_id     text               NOT NULL,
    sensor_key    integer            NOT NULL,
    ts            timestamptz        NOT NULL,
    seq           bigint             NOT NULL,
    metric_names  text[]             NOT NULL,
    metric_values double precision[] NOT NULL,
    ingested_at   timestamptz        NOT NULL DEFAULT now(),
    PRIMARY KEY (sensor_key, ts, seq),
    CONSTRAINT reading_metrics_parallel CHECK (cardinality(metric_names) = cardinality(metric_values))
);

-- Where reading was a hypertable, the new table is one too, before any row goes in.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        PERFORM create_hypertable('reading', 'ts', chunk_time_interval => interval '1 day', if_not_exists => true);
        RAISE NOTICE 'reading is a hypertable again (keyed by sensor number)';
    END IF;
END
$$;

-- Numbers for the sensors stored so far, in name order, then their readings.
INSERT INTO sensor_key (city_id, sensor_id)
SELECT DISTINCT city_id, sensor_id FROM reading_keyed_by_text ORDER BY city_id, sensor_id;

INSERT INTO reading (city_id, sensor_id, sensor_key, ts, seq, metric_names, metric_values, ingested_at)
SELECT r.city_id, r.sensor_id, k.key, r.ts, r.seq, r.metric_names, r.metric_values, r.ingested_at
  FROM reading_keyed_by_text r
  JOIN sensor_key k ON k.city_id = r.city_id AND k.sensor_id = r.sensor_id;

DROP TABLE reading_keyed_by_text;
