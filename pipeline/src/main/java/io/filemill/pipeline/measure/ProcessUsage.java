package io.filemill.pipeline.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a process has used so far: CPU time (user and system) and its peak resident memory. The
 * peak is the kernel's high-water mark ({@code VmHWM} of {@code /proc/PID/status}), so it is
 * known only on Linux and only while the process lives; elsewhere it is {@link #UNKNOWN}.
 *
 * @param cpu          CPU time used, or {@link Duration#ZERO} when the system does not say
 * @param peakRssBytes the largest resident set so far, or {@link #UNKNOWN}
 */
public record ProcessUsage(Duration cpu, long peakRssBytes) {

    /** A size that could not be read. */
    public static final long UNKNOWN = -1;

    /** This JVM's own usage. */
    public static ProcessUsage self() {
        return of(ProcessHandle.current());
    }

    /** The usage of a live process; read before it exits. */
    public static ProcessUsage of(ProcessHandle process) {
        Duration cpu = process.info().totalCpuDuration().orElse(Duration.ZERO);
        return new ProcessUsage(cpu, peakRss(process.pid()));
    }

    /** The sum of the peak usage of this JVM's heap pools since it started. */
    public static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static long peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // the kernel reports kB
                }
            }
        } catch (IOException | RuntimeException notLinuxOrGone) {
            // fall through
        }
        return UNKNOWN;
    }
}
