package org.aicity.job.mqtt;

import org.aicity.model.mqtt.PahoReceivePath;

import org.aicity.job.ingest.RawMessage;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the MQTT connections of its splits. Paho delivers on its own threads into a bounded
 * queue; {@link #pollNext} hands messages to Flink on the task thread. In
 * {@link AckMode#CHECKPOINT} mode each emitted message is acknowledged only when the checkpoint
 * taken after it completes, in the order received (as MQTT requires).
 */
final class MqttSourceReader implements SourceReader<RawMessage, MqttSplit>, MqttSplitConnection.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceReader.class);

    private final MqttSourceSettings settings;
    private final int subtask;
    private final BlockingQueue<MqttSplitConnection.Received> queue;
    private final List<MqttSplitConnection> connections = new ArrayList<>();
    private final ScheduledExecutorService scheduler;

    /** Emitted since the last snapshot, then filed under that snapshot's checkpoint id. */
    private List<MqttSplitConnection.Received> unacked = new ArrayList<>();
    private final TreeMap<Long, List<MqttSplitConnection.Received>> unackedByCheckpoint = new TreeMap<>();

    private final Object availability = new Object();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private volatile Throwable failure;
    private volatile boolean closed;

    MqttSourceReader(MqttSourceSettings settings, SourceReaderContext context) {
        this.settings = settings;
        this.subtask = context.getIndexOfSubtask();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-source-" + subtask);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start() {
        LOG.info("MQTT source reader {} starting, {}", subtask, settings);
        if (PahoReceivePath.copiesInBlocks()) {
            LOG.info(PahoReceivePath.describe());
        } else {
            LOG.warn(PahoReceivePath.describe());
        }
    }

    @Override
    public void addSplits(List<MqttSplit> splits) {
        for (MqttSplit split : splits) {
            try {
                MqttSplitConnection c = new MqttSplitConnection(split, settings, this, scheduler);
                connections.add(c);
                c.start();
            } catch (MqttException e) {
                failed(new IllegalArgumentException("cannot create an MQTT client for " + settings.serverUri()
                    + " (check MQTT_URL): " + e.getMessage(), e));
            }
        }
    }

    @Override
    public void received(MqttSplitConnection.Received message) throws InterruptedException {
        // Blocking here holds up Paho's callback thread, so the broker's window fills and it slows down.
        while (!closed && !queue.offer(message, 100, TimeUnit.MILLISECONDS)) {
            signalAvailable();
        }
        signalAvailable();
    }

    @Override
    public void failed(Throwable cause) {
        failure = cause;
        signalAvailable();
    }

    private void signalAvailable() {
        synchronized (availability) {
            available.complete(null);
        }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<RawMessage> output) throws Exception {
        if (failure != null) {
            throw new IllegalStateException("MQTT source failed", failure);
        }
        MqttSplitConnection.Received r = queue.poll();
        if (r == null) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        output.collect(r.message());
        if (settings.ackMode() == AckMode.CHECKPOINT) {
            unacked.add(r);
        }
        return queue.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        synchronized (availability) {
            if (!queue.isEmpty() || failure != null) {
                return CompletableFuture.completedFuture(null);
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return available;
        }
    }

    @Override
    public List<MqttSplit> snapshotState(long checkpointId) {
        if (!unacked.isEmpty()) {
            unackedByCheckpoint.put(checkpointId, unacked);
            unacked = new ArrayList<>();
        }
        return connections.stream().map(MqttSplitConnection::split).toList();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        // An aborted checkpoint's messages stay here and are acked with the next completed one.
        Map<Long, List<MqttSplitConnection.Received>> covered = unackedByCheckpoint.headMap(checkpointId, true);
        for (List<MqttSplitConnection.Received> messages : covered.values()) {
            for (MqttSplitConnection.Received r : messages) {
                r.connection().acknowledge(r);
            }
        }
        covered.clear();
    }

    @Override
    public void notifyNoMoreSplits() {
    }

    @Override
    public void close() {
        closed = true;
        connections.forEach(MqttSplitConnection::close);
        scheduler.shutdownNow();
    }
}
