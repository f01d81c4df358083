/**
 * The MQTT v5 source on Flink's Source API (split enumerator and source reader). Entry points:
 * {@link org.aicity.job.mqtt.MqttSource} and {@link org.aicity.job.mqtt.MqttSourceSettings}.
 * No-loss mode acknowledges QoS 1 messages only after the checkpoint that covers them
 * ({@link org.aicity.job.mqtt.AckMode#CHECKPOINT}).
 */
package org.aicity.job.mqtt;
