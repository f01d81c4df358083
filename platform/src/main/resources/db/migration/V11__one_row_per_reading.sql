-- One row per reading, with all of its metrics, instead of one row per metric.
--
-- Why: the benchmark found PostgreSQL's single writing backend to be the limit of the pipeline
-- (77 % of a core while the stream job's tasks waited on it). A reading of three metrics was three
-- rows and three entries in a five-column key of three texts; it is now one row and one entry.
-- Measured with COPY of 200,000 readings of 10,000 sensors into PostgreSQL 15: 11.4 µs per reading
-- before, 4-5 µs after; the key's index is about a sixth of the size (docs/architecture.md).
--
-- metric_names and metric_values are parallel: metric_values[i] is the value of metric_names[i].
-- The names are stored with every row rather than implied by the sensor's kind, so a row means the
-- same thing after a city's catalogue changes. The API unnests them (one point per metric), e.g.
--   SELECT r.ts, m.metric, m.value FROM reading r, unnest(r.metric_names, r.metric_values) AS m(metric, value)
ALTER TABLE reading RENAME TO reading_by_metric;
ALTER TABLE reading_by_metric RENAME CONSTRAINT reading_pkey TO reading_by_metric_pkey;

CREATE TABLE reading (
    city_id       text               NOT NULL,
    sensor_id     text               NOT NULL,
    ts            timestamptz        NOT NULL,
    seq           bigint             NOT NULL,
    metric_names  text[]             NOT NULL,
    metric_values double precision[] NOT NULL,
    ingested_at   timestamptz        NOT NULL DEFAULT now(),
    PRIMARY KEY (city_id, sensor_id, ts, seq),
    CONSTRAINT reading_metrics_parallel CHECK (cardinality(metric_names) = cardinality(metric_values))
);

-- Where reading was a hypertable (V2), the new table is one too, before any row goes in.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        PERFORM create_hypertable('reading', 'ts', chunk_time_interval => interval '1 day', if_not_exists => true);
        RAISE NOTICE 'reading is a hypertable again (one row per reading)';
    END IF;
END
$$;

-- The stored readings, regrouped: a reading's metrics in name order.
INSERT INTO reading (city_id, sensor_id, ts, seq, metric_names, metric_values, ingested_at)
SELECT city_id, sensor_id, ts, seq, array_agg(metric ORDER BY metric), array_agg(value ORDER BY metric), min(ingested_at)
  FROM reading_by_metric
 GROUP BY city_id, sensor_id, ts, seq;

DROP TABLE reading_by_metric;
