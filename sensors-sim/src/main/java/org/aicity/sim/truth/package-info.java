/**
 * Ground truth: what the simulator injected (incidents, sensor faults, transport faults), one JSON
 * line per event, so that a detector's findings can be scored against it. {@link
 * org.aicity.sim.truth.GroundTruthEvent} is one line; {@link org.aicity.sim.truth.GroundTruthReader}
 * reads a file back. The format is documented in {@code sensors-sim/README.md}.
 */
package org.aicity.sim.truth;
