package dev.tokentray.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's /proc tells of a process: its resident memory and the CPU time it used. */
final class ProcStat {
    /** USER_HZ, the unit of utime and stime; 100 on every Linux that the JDK runs on. */
    static final int TICKS_PER_SECOND = 100;

    private ProcStat() {}

    /** VmRSS, in bytes. */
    static long rssBytes(long pid) throws IOException {
        return statusKb(pid, "VmRSS:") * 1024;
    }

    /** VmHWM, the peak resident memory, in bytes. */
    static long peakRssBytes(long pid) throws IOException {
        return statusKb(pid, "VmHWM:") * 1024;
    }

    /** utime + stime of all its threads, in milliseconds (10 ms steps). */
    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may hold spaces: count the fields after its closing bracket.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]); // field 14 of proc(5)
        long stime = Long.parseLong(fields[12]); // field 15
        return (utime + stime) * 1000 / TICKS_PER_SECOND;
    }

    private static long statusKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
            }
        }
        throw new IOException("/proc/" + pid + "/status has no " + field);
    }

    /** The 1-, 5- and 15-minute load averages: how busy the machine was around a measure. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
