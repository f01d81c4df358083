package org.aicity.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run's figures depend on besides the code: cores, CPU, memory, and, on a virtual machine,
 * the two guest settings that moved this project's figures most between sessions on machines that
 * were otherwise alike.
 *
 * <ul>
 *   <li>{@code pageTableIsolation}: whether the kernel switches page tables on every system call
 *   (Meltdown's mitigation, {@code /sys/devices/system/cpu/vulnerabilities/meltdown} says
 *   "Mitigation: PTI"). With it, the same kind of AMD EPYC guest carried 12–15k single-reading
 *   messages/s through the broker alone; without it 24–28k. Single readings are system calls end
 *   to end.</li>
 *   <li>{@code freePageReportingOrder}: the guest hands freed memory back to the host in blocks of
 *   2^order pages: a virtio balloon device negotiated free page reporting, and
 *   {@code /sys/module/page_reporting/parameters/page_reporting_order} gives the order; "none"
 *   without such a device. Memory freed and touched again seconds
 *   later is then backed anew by the host: writing 2 GB into the page cache ran at about 600 MB/s
 *   the first time and 30 s after deleting the file, and at 5.4–5.8 GB/s right after deleting it
 *   ({@code dd}, 2026-12-06). New table pages, WAL, checkpoint files and growing heaps pay that.</li>
 * </ul>
 *
 * <p>Read from the files under a root ({@code /} on a real run, a folder in tests); what cannot be
 * read is "unknown", never an error.
 */
final class MachineFacts {

    static final String UNKNOWN = "unknown";

    private MachineFacts() {
    }

    static Map<String, Object> read(Path root) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        List<String> cpuinfo = lines(root.resolve("proc/cpuinfo"));
        m.put("cpu", field(cpuinfo, "model name").orElse(UNKNOWN));
        m.put("memoryGiB", field(lines(root.resolve("proc/meminfo")), "MemTotal")
            .map(v -> v.replaceAll("[^0-9]", "")).filter(v -> !v.isEmpty() && v.length() < 19)
            .map(v -> (Object) Math.round(Long.parseLong(v) / 1024.0 / 1024.0)).orElse(UNKNOWN));
        m.put("virtualMachine", field(cpuinfo, "flags").map(f -> (Object) Arrays.asList(f.split("\\s+")).contains("hypervisor"))
            .orElse(UNKNOWN));
        m.put("pageTableIsolation", pageTableIsolation(root));
        m.put("freePageReportingOrder", freePageReporting(root)
            ? firstLine(root.resolve("sys/module/page_reporting/parameters/page_reporting_order"))
                .map(String::trim).filter(s -> s.matches("\\d+")).map(s -> (Object) Integer.parseInt(s)).orElse(UNKNOWN)
            : "none");
        m.put("kernel", firstLine(root.resolve("proc/sys/kernel/osrelease")).map(String::trim)
            .orElse(System.getProperty("os.version")));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("started", Instant.now().toString());
        return m;
    }

    /** "on", "off" (not affected, or mitigated otherwise), or "unknown". */
    private static String pageTableIsolation(Path root) {
        return firstLine(root.resolve("sys/devices/system/cpu/vulnerabilities/meltdown"))
            .map(s -> s.contains("PTI") ? "on" : "off")
            .orElse(UNKNOWN);
    }

    /**
     * Whether a virtio balloon device (device id 5) negotiated free page reporting (feature bit 5,
     * {@code VIRTIO_BALLOON_F_REPORTING}); sysfs writes a device's features as a string of 0s and
     * 1s, bit 0 first.
     */
    private static boolean freePageReporting(Path root) {
        Path devices = root.resolve("sys/bus/virtio/devices");
        if (!Files.isDirectory(devices)) {
            return false;
        }
        try (var all = Files.list(devices)) {
            return all.anyMatch(d -> firstLine(d.resolve("device")).map(String::trim).filter("0x0005"::equals).isPresent()
                && firstLine(d.resolve("features")).map(String::trim).filter(f -> f.length() > 5 && f.charAt(5) == '1').isPresent());
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return false;
        }
    }

    /**
     * One line for the Markdown report, e.g. "virtual machine, page-table isolation off, free page
     * reporting to the host (order 9), kernel 6.18.44".
     */
    static String guestLine(Map<String, Object> m) {
        Object vm = m.getOrDefault("virtualMachine", UNKNOWN);
        String kind = Boolean.TRUE.equals(vm) ? "virtual machine" : Boolean.FALSE.equals(vm) ? "bare metal" : "machine kind unknown";
        Object order = m.getOrDefault("freePageReportingOrder", "none");
        String reporting = order instanceof Integer o ? "free page reporting to the host (order " + o + ")" : "no free page reporting";
        return kind + ", page-table isolation " + m.getOrDefault("pageTableIsolation", UNKNOWN) + ", " + reporting
            + ", kernel " + m.getOrDefault("kernel", UNKNOWN);
    }

    private static Optional<String> field(List<String> lines, String name) {
        return lines.stream()
            .filter(l -> l.startsWith(name) && l.indexOf(':') > 0 && l.substring(0, l.indexOf(':')).trim().equals(name))
            .findFirst()
            .map(l -> l.substring(l.indexOf(':') + 1).trim());
    }

    private static Optional<String> firstLine(Path file) {
        return lines(file).stream().findFirst();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}
