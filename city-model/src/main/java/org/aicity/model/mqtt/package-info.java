/**
 * Transport settings every MQTT client of the platform shares (the simulator's publishers and the
 * stream job's source), so that they behave alike on the wire. Plain JDK; no MQTT library here.
 */
package org.aicity.model.mqtt;
