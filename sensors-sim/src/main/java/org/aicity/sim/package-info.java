/**
 * The city sensor simulator: a library ({@link org.aicity.sim.Simulator} configured by
 * {@link org.aicity.sim.SimulatorConfig}) and a command line ({@link org.aicity.sim.SimulatorCli}).
 * It publishes plausible readings of a city definition's sensors over MQTT v5 in the platform's wire
 * format, or exports them to a file: traffic with a weekday double rush hour and queues that grow
 * upstream along corridors, energy following each site's load profile, temperature and the sun, air
 * quality and noise coupled to traffic and weather. Incidents, sensor faults and transport faults
 * are injected on request and recorded as ground truth. The values are a pure function of the seed,
 * the sensor and the time, so runs are reproducible.
 *
 * <p>The reading engine ({@code SignalModel}, {@code CityLayout}, {@code IncidentTimeline},
 * {@code PublishPlan}) stays in this package, package-private: its parts change together and
 * splitting them would make internals public. Value types that callers need live in feature
 * packages: {@code truth}, {@code incident}, {@code export}, {@code city}.
 */
package org.aicity.sim;
