package org.aicity.sim.city;

import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinition.Corridor;
import org.aicity.model.CityDefinition.Segment;
import org.aicity.model.CityDefinition.SensorDefinition;
import org.aicity.model.CityDefinition.Site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scales a city to a number of sensors. Above the city's own count, every sensor, site and
 * corridor is copied as often as needed (copy {@code k} of {@code songdo-trf-0001} is
 * {@code songdo-trf-0001-k}, placed a few hundred metres from the original, in the same district);
 * the originals are kept unchanged, so a scaled city's first sensors are the real city's. Below
 * it, an even sample of the sensors is kept (every n-th, so the mix of kinds stays), with the
 * corridors and sites they need. The result depends only on the base city and the count.
 */
public final class SyntheticCity {

    /** Enough for the largest load test and still a valid sensor id suffix. */
    public static final int MAX_SENSORS = 1_000_000;

    private SyntheticCity() {
    }

    public static CityDefinition scale(CityDefinition base, int sensors) {
        int n = base.sensors().size();
        if (sensors < 1 || sensors > MAX_SENSORS) {
            throw new IllegalArgumentException("sensors must be between 1 and " + MAX_SENSORS + ", got " + sensors);
        }
        if (n == 0) {
            throw new IllegalArgumentException("city " + base.id() + " has no sensors to scale");
        }
        if (sensors == n) {
            return base;
        }
        return sensors < n ? sample(base, sensors) : grow(base, sensors);
    }

    private static CityDefinition sample(CityDefinition base, int keep) {
        int n = base.sensors().size();
        List<SensorDefinition> kept = new ArrayList<>(keep);
        for (int i = 0; i < n; i++) {
            if ((long) (i + 1) * keep / n > (long) i * keep / n) {
                kept.add(base.sensors().get(i));
            }
        }
        Set<String> ids = new HashSet<>();
        Set<String> sites = new HashSet<>();
        kept.forEach(s -> {
            ids.add(s.id());
            if (s.site() != null) {
                sites.add(s.site());
            }
        });
        List<Corridor> corridors = new ArrayList<>();
        for (Corridor c : base.corridors()) {
            List<Segment> segments = new ArrayList<>();
            for (Segment s : c.segments()) {
                List<String> on = s.sensors().stream().filter(ids::contains).toList();
                if (!on.isEmpty()) {
                    segments.add(new Segment(s.id(), s.name(), s.geometry(), on));
                }
            }
            if (!segments.isEmpty()) {
                corridors.add(new Corridor(c.id(), c.name(), c.speedLimitKmh(), segments));
            }
        }
        List<Site> keptSites = base.sites().stream().filter(s -> sites.contains(s.id())).toList();
        return new CityDefinition(base.id(), base.name(), base.timezone(), base.center(), base.districts(), kept,
            corridors, keptSites);
    }

    private static CityDefinition grow(CityDefinition base, int total) {
        int n = base.sensors().size();
        int copies = (total + n - 1) / n;
        List<SensorDefinition> sensors = new ArrayList<>(total);
        // copy k of a sensor exists when its index in the flat order k*n+i is below total
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < n; i++) {
            indexOf.put(base.sensors().get(i).id(), i);
        }
        Map<String, Site> sites = new LinkedHashMap<>();
        for (int k = 0; k < copies; k++) {
            for (int i = 0; i < n && sensors.size() < total; i++) {
                SensorDefinition s = base.sensors().get(i);
                SensorDefinition copy = k == 0 ? s : new SensorDefinition(copyId(s.id(), k), s.domain(), s.kind(),
                    s.district(), s.lat() + jitter(s.id(), k, 0), s.lon() + jitter(s.id(), k, 1), s.metrics(),
                    s.site() == null ? null : copyId(s.site(), k));
                sensors.add(copy);
                if (s.site() != null && !sites.containsKey(copy.site())) {
                    Site original = base.site(s.site()).orElseThrow();
                    sites.put(copy.site(), k == 0 ? original : new Site(copy.site(), original.kind(),
                        original.name() + " (copy " + k + ")", original.district(), copy.lat(), copy.lon(),
                        original.capacityKw(), original.loadProfile()));
                }
            }
        }
        List<Corridor> corridors = new ArrayList<>();
        for (int k = 0; k < copies; k++) {
            for (Corridor c : base.corridors()) {
                List<Segment> segments = new ArrayList<>();
                for (Segment seg : c.segments()) {
                    final int copy = k;
                    List<String> on = seg.sensors().stream()
                        .filter(id -> indexOf.containsKey(id) && (long) copy * n + indexOf.get(id) < total)
                        .map(id -> copyId(id, copy)).toList();
                    if (!on.isEmpty()) {
                        segments.add(new Segment(copyId(seg.id(), k), seg.name(), k == 0 ? seg.geometry() : null, on));
                    }
                }
                if (!segments.isEmpty()) {
                    corridors.add(new Corridor(copyId(c.id(), k), k == 0 ? c.name() : c.name() + " (copy " + k + ")",
                        c.speedLimitKmh(), segments));
                }
            }
        }
        return new CityDefinition(base.id(), base.name(), base.timezone(), base.center(), base.districts(), sensors,
            corridors, List.copyOf(sites.values()));
    }

    private static String copyId(String id, int k) {
        if (k == 0) {
            return id;
        }
        String suffix = "-" + k;
        String head = id.length() + suffix.length() <= 64 ? id : id.substring(0, 64 - suffix.length());
        return head + suffix;
    }

    /** Up to about ±400 m, the same for the same sensor and copy. */
    private static double jitter(String id, int k, int axis) {
        long h = id.hashCode() * 0x9e3779b97f4a7c15L + k * 31L + axis;
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 32;
        return ((h & 0xffff) / 65535.0 - 0.5) * 0.008;
    }
}
