-- A reading names its metrics by the number of its list of metric names (metric_set), instead of
-- carrying the names in every row.
--
-- Why: with gateway batches of 100 the benchmark's 2 cores are full, and PostgreSQL is the largest
-- user (30 % of the machine at 200,000 readings/s offered, 2026-12-06); a sensor sends the same
-- names in every reading, and the server parsed and stored them again for each row. Server-side
-- binary COPY of 1,000,000 readings of 300 sensors into PostgreSQL 15, alternating runs: 3.5-5.1 s
-- (median 3.9) with the names in the row, 3.0-3.9 s (median 3.1) with a set number; the table
-- with its index 274 MB against 203 MB.
--
-- metric_set numbers each distinct list of names once, for good, in its order: metric_values[i]
-- is the value of names[i]. Writers take the number from metric_set: the stream job's COPY keeps
-- the numbers it knows and registers a new list with metric_set_for before it writes the first
-- reading that has it; an INSERT can call metric_set_for(names) itself.
CREATE TABLE metric_set (
    id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    names text[]  NOT NULL UNIQUE,
    -- a plain list: one dimension from 1, at least one name, no null
    CONSTRAINT metric_set_plain_list CHECK (array_ndims(names) = 1 AND array_lower(names, 1) = 1
        AND array_position(names, NULL) IS NULL)
);

-- The number of a list of names, registered on first use. Safe when sessions register the same
-- list at once: the INSERT waits for the other one's transaction, and the SELECT after it sees its row.
CREATE FUNCTION metric_set_for(metric_names text[]) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    k integer;
BEGIN
    SELECT id INTO k FROM metric_set WHERE names = metric_names;
    IF k IS NULL THEN
        INSERT INTO metric_set (names) VALUES (metric_names) ON CONFLICT DO NOTHING RETURNING id INTO k;
        IF k IS NULL THEN
            SELECT id INTO k FROM metric_set WHERE names = metric_names;
        END IF;
    END IF;
    RETURN k;
END
$$;

ALTER TABLE reading RENAME TO reading_with_metric_names;
ALTER TABLE reading_with_metric_names RENAME CONSTRAINT reading_pkey TO reading_with_metric_names_pkey;

CREATE TABLE reading (
    city_id       text               NOT NULL,
    sensor_id     text               NOT NULL,
    sensor_key    integer            NOT NULL,
    ts            timestamptz        NOT NULL,
    seq           bigint             NOT NULL,
    metric_set    integer            NOT NULL,
    metric_values double precision[] NOT NULL,
    ingested_at   timestamptz        NOT NULL DEFAULT now(),
    PRIMARY KEY (sensor_key, ts, seq)
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        PERFORM create_hypertable('reading', 'ts', chunk_time_interval => interval '1 day', if_not_exists => true);
        RAISE NOTICE 'reading is a hypertable again (metrics named by set number)';
    END IF;
END
$$;

INSERT INTO metric_set (names)
SELECT DISTINCT metric_names FROM reading_with_metric_names ORDER BY metric_names;

INSERT INTO reading (city_id, sensor_id, sensor_key, ts, seq, metric_set, metric_values, ingested_at)
SELECT r.city_id, r.sensor_id, r.sensor_key, r.ts, r.seq, m.id, r.metric_values, r.ingested_at
  FROM reading_with_metric_names r
  JOIN metric_set m ON m.names = r.metric_names;

DROP TABLE reading_with_metric_names;
