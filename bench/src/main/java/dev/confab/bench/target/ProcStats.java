package dev.confab.bench.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the OS tells about a server process: CPU time, resident memory, and for a JVM its heap after a full GC. */
public final class ProcStats {
    /** Linux reports utime and stime in clock ticks; USER_HZ is 100 on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern ANY_USED = Pattern.compile("used (\\d+)K");

    private ProcStats() {
    }

    /** User plus system CPU seconds the process has used so far, from {@code /proc/PID/stat}. */
    public static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which may itself contain spaces, start after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of the whole line: 12 and 13 here, counted from state = 0.
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds of a process and of its children, live ones (each its own {@code /proc/PID/stat}) and ended ones
     * (the parent's cutime and cstime): PostgreSQL serves each connection from a child process.
     */
    public static double cpuSecondsWithChildren(long pid) {
        double total = cpuSeconds(pid) + endedChildrenCpuSeconds(pid);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)
                        && parentOf(proc).orElse(-1) == pid) {
                    total += cpuSeconds(Long.parseLong(name));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return total;
    }

    private static double endedChildrenCpuSeconds(long pid) {
        String[] f = statFields(Path.of("/proc", Long.toString(pid)));
        return f.length > 14 ? (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND : 0;
    }

    private static OptionalLong parentOf(Path proc) {
        String[] f = statFields(proc);
        return f.length > 1 ? OptionalLong.of(Long.parseLong(f[1])) : OptionalLong.empty();
    }

    /** The fields of {@code /proc/PID/stat} after the command name (state first), or none if it is gone. */
    private static String[] statFields(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }

    /** Resident set size in bytes, from {@code VmRSS} in {@code /proc/PID/status}. */
    public static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Threads of the process, from {@code /proc/PID/status}. */
    public static int threads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The kernel's count of connections dropped because a listen queue was full ({@code TcpExt ListenDrops}). */
    public static long listenDrops() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                if (lines.get(i).startsWith("TcpExt:")) {
                    String[] names = lines.get(i).split(" ");
                    String[] values = lines.get(i + 1).split(" ");
                    for (int k = 0; k < names.length; k++) {
                        if (names[k].equals("ListenDrops")) {
                            return Long.parseLong(values[k]);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Runs a full GC in the JVM {@code pid} ({@code jcmd PID GC.run}) and returns the heap in use after it
     * ({@code GC.heap_info}), in bytes; empty when jcmd is missing or the process is not a JVM.
     */
    public static OptionalLong heapAfterGc(Path jcmd, long pid) {
        String pidText = Long.toString(pid);
        if (run(List.of(jcmd.toString(), pidText, "GC.run")).isEmpty()) {
            return OptionalLong.empty();
        }
        String info = run(List.of(jcmd.toString(), pidText, "GC.heap_info"));
        // "garbage-first heap   total reserved ..K, committed ..K, used ..K": the first "used" is the whole heap.
        Matcher used = ANY_USED.matcher(info);
        return used.find() ? OptionalLong.of(Long.parseLong(used.group(1)) * 1024) : OptionalLong.empty();
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
