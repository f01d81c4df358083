package org.aicity.job.mqtt;

/** When the source acknowledges a QoS 1 message to the broker. */
public enum AckMode {
    /**
     * After the checkpoint that covers the message completes. Nothing is lost when the job fails:
     * the broker redelivers every unacknowledged message to the persistent session. Needs a broker
     * that keeps sending while acks are outstanding (up to the receive maximum).
     */
    CHECKPOINT,
    /**
     * As soon as the message is handed to the source, as MQTT clients usually do. Messages received
     * but not yet covered by a checkpoint are lost when the job fails. For brokers that stall while
     * acks are deferred, such as the embedded HiveMQ CE broker.
     */
    RECEIPT
}
