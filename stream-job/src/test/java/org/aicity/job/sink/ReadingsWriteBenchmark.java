package org.aicity.job.sink;

import org.aicity.job.PlatformMigrations;
import org.aicity.job.ingest.ValidReading;
import org.aicity.job.sink.JdbcSettings.ReadingsWrite;
import org.aicity.testkit.TestDatabase;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.SimpleCounter;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;

/**
 * Not a test: a measurement of the readings sink, by INSERT and by COPY, into a {@link TestDatabase}
 * with the platform's core schema (one row per reading, V11, to V14); a row is a reading of 3 metrics. For each way of writing it times three cases through the real
 * {@link JdbcBatchWriter}: new rows, the same rows again (all stored: a replay after a restart), and
 * a range half stored and half new. Besides wall-clock rows/s, which follow whatever else the
 * machine runs, it reports CPU time per row of the writing thread and of its server process (Linux
 * {@code /proc}), which do not, and the rows/s those two alone would allow.
 *
 * <pre>
 * ./mvnw -q -B -pl stream-job -am test-compile
 * java -cp &lt;stream-job test classpath&gt; org.aicity.job.sink.ReadingsWriteBenchmark [rows [batch [rounds [insert,copy [connections]]]]]
 * </pre>
 * Defaults: 500,000 rows in batches of 5,000, 2 rounds, {@link JdbcSettings#DEFAULT_READINGS_CONNECTIONS}. The
 * CPU per row of the writing thread leaves out the thread that ends and commits batches when there
 * are several connections.
 */
public final class ReadingsWriteBenchmark {

    private static final ProcessingTimeService NO_TIMERS = new ProcessingTimeService() {
        @Override
        public long getCurrentProcessingTime() {
            return 0;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long time, ProcessingTimeCallback callback) {
            return null; // batches are written when full and at the end
        }
    };

    private ReadingsWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<ReadingsWrite> ways = args.length > 3
            ? java.util.Arrays.stream(args[3].split(",")).map(ReadingsWrite::parse).toList()
            : List.of(ReadingsWrite.values());
        int connections = args.length > 4 ? Integer.parseInt(args[4]) : JdbcSettings.DEFAULT_READINGS_CONNECTIONS;
        List<ValidReading> data = rows(rows);
        try (TestDatabase db = TestDatabase.start()) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute(PlatformMigrations.read("V1__core_schema.sql"));
                s.execute(PlatformMigrations.read("V11__one_row_per_reading.sql"));
                s.execute(PlatformMigrations.read("V12__readings_keyed_by_sensor_number.sql"));
                s.execute(PlatformMigrations.read("V13__readings_name_metrics_by_set_number.sql"));
                s.execute(PlatformMigrations.read("V14__readings_without_sensor_texts.sql"));
                for (String setting : List.of("server_version", "fsync", "synchronous_commit", "shared_buffers")) {
                    try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                        rs.next();
                        System.out.println(setting + " = " + rs.getString(1));
                    }
                }
            }
            JdbcSettings settings = new JdbcSettings(db.jdbcUrl(), db.username(), db.password(), batch,
                JdbcSettings.DEFAULT_FLUSH_INTERVAL, JdbcSettings.DEFAULT_RETRY_TIMEOUT, ReadingsWrite.COPY, connections);
            System.out.printf("%,d rows in batches of %,d, COPY on %d connection(s); CPU per row: writing thread + server "
                + "processes%n", rows, batch, connections);
            for (int round = 1; round <= rounds; round++) {
                for (ReadingsWrite how : ways) {
                    BatchWrite<ValidReading> method = JdbcSinks.readingsWrite(how);
                    empty(db);
                    Result fresh = write(db, settings, method, data);
                    Result replay = write(db, settings, method, data);
                    long stored = count(db);
                    empty(db);
                    write(db, settings, method, data.subList(0, rows / 2));
                    Result half = write(db, settings, method, data.subList(rows / 4, rows / 4 + rows / 2));
                    long halfStored = count(db);
                    System.out.printf("round %d %-6s new: %s | all stored: %s | half stored: %s%n", round, how, fresh, replay, half);
                    if (stored != rows || halfStored != rows / 4 + rows / 2) {
                        throw new IllegalStateException("stored " + stored + " and " + halfStored + " rows");
                    }
                }
            }
        }
    }

    /** Wall-clock rows/s, and CPU per row of the writing thread and of its server process. */
    record Result(double rowsPerSecond, double clientMicrosPerRow, double serverMicrosPerRow) {
        @Override
        public String toString() {
            return String.format("%,7.0f rows/s, CPU/row %4.1f + %4.1f us (%,7.0f/s)", rowsPerSecond, clientMicrosPerRow,
                serverMicrosPerRow, 1e6 / (clientMicrosPerRow + serverMicrosPerRow));
        }
    }

    private static Result write(TestDatabase db, JdbcSettings settings, BatchWrite<ValidReading> method, List<ValidReading> rows)
            throws IOException, InterruptedException, SQLException {
        JdbcBatchWriter<ValidReading> w = new JdbcBatchWriter<>(settings, "reading", method, null, NO_TIMERS,
            new SimpleCounter(), new WriteHealth());
        try {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (ValidReading r : rows) {
                w.write(r, null);
            }
            w.flush(false);
            long t1 = System.nanoTime();
            long cpu1 = threads.getCurrentThreadCpuTime();
            long serverTicks = serverCpuTicks(db); // of the writer's connection, opened for this run
            return new Result(rows.size() / ((t1 - t0) / 1e9), (cpu1 - cpu0) / 1e3 / rows.size(),
                serverTicks * 1e4 / rows.size());
        } finally {
            w.close();
        }
    }

    /** utime + stime of the writer's server processes (one per connection), in clock ticks (1/100 s on Linux). */
    private static long serverCpuTicks(TestDatabase db) throws SQLException, IOException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name = 'aicity-stream-job'")) {
            long ticks = 0;
            int processes = 0;
            while (rs.next()) {
                String stat = Files.readString(Path.of("/proc/" + rs.getInt(1) + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                processes++;
            }
            if (processes == 0) {
                throw new IllegalStateException("no writer connection");
            }
            return ticks;
        }
    }

    /** Readings (one row each) of 300 sensors with 3 metrics each, reporting every 5 s, in arrival order. */
    private static List<ValidReading> rows(int n) {
        Random random = new Random(42);
        Instant t0 = Instant.parse("2026-11-21T08:00:00Z");
        List<ValidReading> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int sensor = i % 300;
            long seq = i / 300;
            Instant ts = t0.plusMillis(seq * 5000 + sensor * 7L);
            out.add(new ValidReading("songdo", String.format("songdo-trf-%04d", sensor), ts, seq,
                new String[] {"intensity", "speed", "occupancy"},
                new double[] {random.nextDouble() * 100, random.nextDouble() * 100, random.nextDouble() * 100}));
        }
        return out;
    }

    private static void empty(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE reading");
            s.execute("CHECKPOINT");
        }
    }

    private static long count(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM reading")) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
