package org.aicity.faults;

import org.aicity.job.JobConfig;
import org.aicity.job.StreamJob;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The stream job as the fault tests run it: in a JVM of its own (so that SIGKILL is a real crash),
 * on a local MiniCluster, with file checkpoints kept on cancellation and on crash. On a Flink
 * cluster the same three settings come from the cluster's configuration (docker-compose sets them).
 *
 * <p>Arguments: the checkpoint directory, the checkpoint to restore from or {@code -}, then the
 * job's own arguments ({@link JobConfig}).
 */
public final class FaultJob {

    /** Printed once the job is submitted, for the parent's log. */
    static final String STARTED = "FAULT-JOB STARTED";

    private FaultJob() {
    }

    public static void main(String[] args) throws Exception {
        Path checkpoints = Path.of(args[0]);
        String restoreFrom = args[1];
        JobConfig config = JobConfig.parse(Arrays.copyOfRange(args, 2, args.length), Map.of());

        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        flink.set(RestOptions.BIND_PORT, "0"); // the MiniCluster's REST endpoint; 8081 may be taken
        if (!"-".equals(restoreFrom)) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        JobClient job = StreamJob.submit(config, env);
        System.out.println(STARTED + " " + job.getJobID() + (restoreFrom.equals("-") ? "" : " from " + restoreFrom));
        job.getJobExecutionResult().get();
    }
}
