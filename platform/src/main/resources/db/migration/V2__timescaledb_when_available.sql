-- Where the timescaledb extension is installed, readings and aggregates become hypertables.
-- Where it is missing (plain PostgreSQL, embedded PostgreSQL) this migration only says so: the
-- schema above works unchanged.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        RAISE NOTICE 'timescaledb extension not available: reading and aggregate_1m stay plain tables';
        RETURN;
    END IF;
    BEGIN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
    EXCEPTION WHEN OTHERS THEN
        -- e.g. installed but not in shared_preload_libraries
        RAISE NOTICE 'timescaledb is installed but could not be enabled (%): plain tables are used', SQLERRM;
        RETURN;
    END;
    PERFORM create_hypertable('reading', 'ts', chunk_time_interval => interval '1 day',
                              if_not_exists => true, migrate_data => true);
    PERFORM create_hypertable('aggregate_1m', 'bucket', chunk_time_interval => interval '7 days',
                              if_not_exists => true, migrate_data => true);
    RAISE NOTICE 'timescaledb enabled: reading and aggregate_1m are hypertables';
END
$$;
