/**
 * The city sensor simulator: a library ({@link org.aicity.sim.Simulator} configured by
 * {@link org.aicity.sim.SimulatorConfig}) and a command line ({@link org.aicity.sim.SimulatorCli}).
 * It publishes plausible readings of a city definition's sensors over MQTT v5 in the platform's wire
 * format: traffic with a weekday double rush hour, energy following office hours, temperature and
 * the sun, air quality and noise coupled to traffic and weather. The values are a pure function of
 * the seed, the sensor and the time, so runs are reproducible.
 */
package org.aicity.sim;
