/**
 * The AI City platform service: the ops-centre HTTP API over what the stream job stores, the
 * schema migrations, and the embedded run mode that starts a database, an MQTT broker, the Flink
 * job and the simulator in this JVM. Packages are features; each keeps its types package-private
 * and exposes at most one entry type to the others.
 */
package org.aicity.platform;
