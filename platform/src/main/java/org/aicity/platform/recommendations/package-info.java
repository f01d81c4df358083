/**
 * Recommendations from the stream job's decision rules (extend green time, discharge storage,
 * shift load, air-quality advisory), each with its reason and evidence. Read-only here.
 */
package org.aicity.platform.recommendations;
