/**
 * Alerts raised by the stream job's judge stage (traffic incidents, sensor faults, air quality,
 * energy peaks): one row per alert with its lifecycle (open, resolved) and evidence. Read-only here.
 */
package org.aicity.platform.alerts;
