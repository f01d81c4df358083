package org.aicity.platform.status;

/** A bean that can say where one part of the platform runs; the status endpoint asks each one. */
public interface ComponentReporter {

    ComponentStatus report();
}
