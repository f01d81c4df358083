/**
 * Incidents planned ahead: {@link org.aicity.sim.incident.PlannedIncident} and the schedule file
 * that lists them ({@link org.aicity.sim.incident.IncidentSchedule}). The simulator turns each into
 * changed readings and a ground-truth line.
 */
package org.aicity.sim.incident;
