/**
 * Cities for load tests: {@link org.aicity.sim.city.SyntheticCity} scales a city definition's
 * layout to any number of sensors, keeping its mix of sensor kinds, districts and corridors.
 */
package org.aicity.sim.city;
