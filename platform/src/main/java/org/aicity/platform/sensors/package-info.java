/**
 * The sensors of each city: seeded from the city definitions at start (so the list is complete
 * before the first reading arrives), listed with filters and pages, and looked up for the other
 * features through {@link org.aicity.platform.sensors.SensorRegistry}.
 */
package org.aicity.platform.sensors;
