/**
 * Real services for other modules' tests: {@link org.aicity.testkit.TestBroker} (Mosquitto with the
 * project's own broker configuration) and {@link org.aicity.testkit.TestDatabase} (PostgreSQL).
 * Each uses Testcontainers when a Docker engine answers and a local child process otherwise, and
 * says in the test log which one it started. Set {@code -Daicity.testkit.mode=local|docker|auto}
 * (or the environment variable {@code AICITY_TESTKIT_MODE}) to force a choice.
 */
package org.aicity.testkit;
