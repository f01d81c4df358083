package org.aicity.sim;

import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinition.Corridor;
import org.aicity.model.CityDefinition.Segment;
import org.aicity.model.CityDefinition.SensorDefinition;
import org.aicity.model.CityDefinition.Site;
import org.aicity.model.Domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each sensor is in the city's structure: its corridor and position along it, the site it
 * measures, and for an environment sensor whether it stands by a road. Built once per run from the
 * city definition; sensors are addressed by their index in the definition.
 */
final class CityLayout {

    /** An environment sensor this close to a traffic sensor is a roadside station. */
    static final double ROADSIDE_METRES = 250;
    private static final double CELL_DEGREES = 0.005;

    /**
     * @param corridor       the corridor's id, or null
     * @param position       0 for the most upstream sensor of the corridor
     * @param corridorLength sensors on the corridor
     * @param speedLimitKmh  the corridor's limit, or NaN
     * @param segment        the segment's id, or null
     * @param site           the measured site, or null
     * @param roadside       an environment sensor next to a road
     */
    record Place(String corridor, int position, int corridorLength, double speedLimitKmh, String segment, Site site,
                 boolean roadside) {
        static final Place NONE = new Place(null, 0, 0, Double.NaN, null, null, false);

        /** Sensors between this one and the corridor's downstream end. */
        int downstreamDistance() {
            return corridorLength - 1 - position;
        }
    }

    private final CityDefinition city;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final Place[] places;
    private final Map<String, int[]> corridorSensors = new HashMap<>();

    CityLayout(CityDefinition city) {
        this.city = city;
        List<SensorDefinition> sensors = city.sensors();
        for (int i = 0; i < sensors.size(); i++) {
            indexById.put(sensors.get(i).id(), i);
        }
        Map<String, Site> sites = new HashMap<>();
        city.sites().forEach(s -> sites.put(s.id(), s));
        String[] corridor = new String[sensors.size()];
        String[] segment = new String[sensors.size()];
        int[] position = new int[sensors.size()];
        int[] length = new int[sensors.size()];
        double[] limit = new double[sensors.size()];
        for (Corridor c : city.corridors()) {
            List<Integer> order = new ArrayList<>();
            for (Segment s : c.segments()) {
                for (String id : s.sensors()) {
                    Integer i = indexById.get(id);
                    if (i != null) {
                        order.add(i);
                        segment[i] = s.id();
                    }
                }
            }
            int[] ordered = order.stream().mapToInt(Integer::intValue).toArray();
            corridorSensors.put(c.id(), ordered);
            for (int p = 0; p < ordered.length; p++) {
                corridor[ordered[p]] = c.id();
                position[ordered[p]] = p;
                length[ordered[p]] = ordered.length;
                limit[ordered[p]] = c.speedLimitKmh() == null ? Double.NaN : c.speedLimitKmh();
            }
        }
        boolean[] roadside = roadside(sensors);
        places = new Place[sensors.size()];
        for (int i = 0; i < sensors.size(); i++) {
            SensorDefinition s = sensors.get(i);
            Site site = s.site() == null ? null : sites.get(s.site());
            places[i] = corridor[i] == null && site == null && !roadside[i] ? Place.NONE
                : new Place(corridor[i], position[i], length[i], corridor[i] == null ? Double.NaN : limit[i], segment[i],
                site, roadside[i]);
        }
    }

    /** A grid of traffic sensors, so that finding the roads near a station stays linear in the sensor count. */
    private static boolean[] roadside(List<SensorDefinition> sensors) {
        Map<Long, List<SensorDefinition>> grid = new HashMap<>();
        for (SensorDefinition s : sensors) {
            if (s.domain() == Domain.TRAFFIC) {
                grid.computeIfAbsent(cell(s.lat(), s.lon(), 0, 0), k -> new ArrayList<>()).add(s);
            }
        }
        boolean[] out = new boolean[sensors.size()];
        for (int i = 0; i < sensors.size(); i++) {
            SensorDefinition s = sensors.get(i);
            if (s.domain() != Domain.ENVIRONMENT) {
                continue;
            }
            search:
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    for (SensorDefinition t : grid.getOrDefault(cell(s.lat(), s.lon(), dy, dx), List.of())) {
                        if (metres(s, t) <= ROADSIDE_METRES) {
                            out[i] = true;
                            break search;
                        }
                    }
                }
            }
        }
        return out;
    }

    private static long cell(double lat, double lon, int dy, int dx) {
        long y = (long) Math.floor(lat / CELL_DEGREES) + dy;
        long x = (long) Math.floor(lon / CELL_DEGREES) + dx;
        return y * 1_000_003L + x;
    }

    /** Equirectangular distance: metres, good to a fraction of a percent across a city. */
    static double metres(SensorDefinition a, SensorDefinition b) {
        double lat = Math.toRadians((a.lat() + b.lat()) / 2);
        double dy = Math.toRadians(a.lat() - b.lat()) * 6_371_000;
        double dx = Math.toRadians(a.lon() - b.lon()) * 6_371_000 * Math.cos(lat);
        return Math.hypot(dx, dy);
    }

    CityDefinition city() {
        return city;
    }

    int size() {
        return places.length;
    }

    SensorDefinition sensor(int index) {
        return city.sensors().get(index);
    }

    Integer indexOf(String sensorId) {
        return indexById.get(sensorId);
    }

    Place place(int index) {
        return places[index];
    }

    Place place(SensorDefinition sensor) {
        Integer i = indexById.get(sensor.id());
        return i == null ? Place.NONE : places[i];
    }

    /** The corridor's sensors from upstream to downstream; empty for an unknown corridor. */
    int[] corridor(String id) {
        return corridorSensors.getOrDefault(id, new int[0]);
    }
}
