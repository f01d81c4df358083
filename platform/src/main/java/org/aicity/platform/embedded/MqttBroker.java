package org.aicity.platform.embedded;

/**
 * The broker the job and the simulator of this JVM use.
 *
 * @param embedded whether this JVM runs it
 */
record MqttBroker(String url, boolean embedded) {
}
