/**
 * The wire contract every part of the platform shares: MQTT topics, readings, the metric catalogue
 * with units and valid ranges, the JSON codec with validation that reports every reason, and city
 * definitions (districts and sensors). Plain Java and Jackson's streaming parser; no framework.
 */
package org.aicity.model;
