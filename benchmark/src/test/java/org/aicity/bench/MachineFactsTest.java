package org.aicity.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The machine facts a result records, read from /proc and /sys as the kernel writes them. */
class MachineFactsTest {

    @TempDir
    Path root;

    @Test
    void aGuestWithPageTableIsolationAndFreePageReporting() throws IOException {
        write("proc/cpuinfo", """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC
            flags\t\t: fpu vme de pse tsc msr hypervisor lahf_lm

            processor\t: 1
            model name\t: AMD EPYC
            """);
        write("proc/meminfo", "MemTotal:       24683776 kB\nMemFree:        23000000 kB\n");
        write("sys/devices/system/cpu/vulnerabilities/meltdown", "Mitigation: PTI\n");
        write("sys/module/page_reporting/parameters/page_reporting_order", "11\n");
        // a disk, then the balloon with STATS_VQ, DEFLATE_ON_OOM and REPORTING (bits 1, 2, 5), as sysfs writes them
        write("sys/bus/virtio/devices/virtio1/device", "0x0002\n");
        write("sys/bus/virtio/devices/virtio1/features", "0010001001100100000000000000010010000000\n");
        write("sys/bus/virtio/devices/virtio0/device", "0x0005\n");
        write("sys/bus/virtio/devices/virtio0/features", "0110010100000000000000000000000010000000\n");
        write("proc/sys/kernel/osrelease", "6.18.44-fc-v1300\n");

        Map<String, Object> m = MachineFacts.read(root);

        assertThat(m).containsEntry("cpu", "AMD EPYC").containsEntry("memoryGiB", 24L).containsEntry("virtualMachine", true)
            .containsEntry("pageTableIsolation", "on").containsEntry("freePageReportingOrder", 11)
            .containsEntry("kernel", "6.18.44-fc-v1300");
        assertThat(MachineFacts.guestLine(m)).isEqualTo(
            "virtual machine, page-table isolation on, free page reporting to the host (order 11), kernel 6.18.44-fc-v1300");
    }

    @Test
    void theReportingOrderAloneIsNotReportingWithoutABalloonThatNegotiatedIt() throws IOException {
        write("sys/module/page_reporting/parameters/page_reporting_order", "9\n");
        write("sys/bus/virtio/devices/virtio0/device", "0x0005\n");
        write("sys/bus/virtio/devices/virtio0/features", "0110000100000000000000000000000010000000\n");

        assertThat(MachineFacts.read(root)).containsEntry("freePageReportingOrder", "none");
    }

    @Test
    void bareMetalNotAffectedByMeltdown() throws IOException {
        write("proc/cpuinfo", "model name\t: Intel(R) Xeon(R)\nflags\t\t: fpu vme pse tsc\n");
        write("sys/devices/system/cpu/vulnerabilities/meltdown", "Not affected\n");
        write("proc/meminfo", "MemTotal:       lots\n");

        Map<String, Object> m = MachineFacts.read(root);

        assertThat(m).containsEntry("virtualMachine", false).containsEntry("pageTableIsolation", "off")
            .containsEntry("freePageReportingOrder", "none").containsEntry("memoryGiB", MachineFacts.UNKNOWN);
        assertThat(MachineFacts.guestLine(m)).startsWith("bare metal, page-table isolation off, no free page reporting, kernel ");
    }

    @Test
    void whatCannotBeReadIsUnknownNotAnError() {
        Map<String, Object> m = MachineFacts.read(root.resolve("nothing-here"));

        assertThat(m).containsEntry("cpu", MachineFacts.UNKNOWN).containsEntry("virtualMachine", MachineFacts.UNKNOWN)
            .containsEntry("pageTableIsolation", MachineFacts.UNKNOWN).containsEntry("freePageReportingOrder", "none")
            .containsKeys("cores", "java", "started");
        assertThat(MachineFacts.guestLine(m)).startsWith("machine kind unknown, page-table isolation unknown, no free page reporting");
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
