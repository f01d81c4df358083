package org.aicity.sim;

/**
 * How incidents change what a sensor measures, as inputs to {@link SignalModel}: the city is
 * different (hotter, dustier, a road blocked), the sensor is fine. Several incidents combine by
 * adding shifts and multiplying factors.
 */
record Conditions(double temperatureShift, double pmFactor, double speedFactor, double intensityFactor,
                  double occupancyAdd, double no2Factor, double noiseShift, double pvFactor) {

    static final Conditions NONE = new Conditions(0, 1, 1, 1, 0, 1, 0, 1);

    Conditions and(Conditions o) {
        return new Conditions(temperatureShift + o.temperatureShift, pmFactor * o.pmFactor, speedFactor * o.speedFactor,
            intensityFactor * o.intensityFactor, occupancyAdd + o.occupancyAdd, no2Factor * o.no2Factor,
            noiseShift + o.noiseShift, pvFactor * o.pvFactor);
    }

    static Conditions warmer(double degrees) {
        return new Conditions(degrees, 1, 1, 1, 0, 1, 0, 1);
    }

    static Conditions dustier(double factor) {
        return new Conditions(0, factor, 1, 1, 0, 1, 0, 1);
    }

    static Conditions traffic(double speedFactor, double intensityFactor, double occupancyAdd) {
        return new Conditions(0, 1, speedFactor, intensityFactor, occupancyAdd, 1, 0, 1);
    }

    static Conditions roadside(double no2Factor, double noiseShift) {
        return new Conditions(0, 1, 1, 1, 0, no2Factor, noiseShift, 1);
    }

    static Conditions pv(double factor) {
        return new Conditions(0, 1, 1, 1, 0, 1, 0, factor);
    }
}
