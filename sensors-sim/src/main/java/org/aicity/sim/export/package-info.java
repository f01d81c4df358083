/**
 * Writing readings to a file instead of publishing them: CSV ({@code timestamp,sensorId,metric,value},
 * one of the platform's replay formats) or JSON lines (one wire-format reading per line).
 */
package org.aicity.sim.export;
