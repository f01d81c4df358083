/**
 * A sensor's stored readings and 1-minute aggregates over a time range, as the stream job wrote
 * them.
 */
package org.aicity.platform.readings;
