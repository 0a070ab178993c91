package dev.confab.client;

import com.sun.javafx.perf.PerformanceTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Measures launch to first frame, for the installers' training run and the startup benchmark
 * ({@code installers/src/packaging/measure-startup.sh}). Active only when the environment variable
 * {@value #VARIABLE} is set: then the app prints one line and exits once the first frame is on screen:
 * <pre>confab-startup first-frame-ms=N main-ms=.. toolkit-ms=.. built-ms=.. shown-ms=.. first-pulse-ms=.. cpu-ms=C
 * epoch-ms=E</pre>
 * Every figure counts from the start of the process (as the kernel recorded it), so the JVM's own start is
 * included. {@code first-frame-ms} is when the renderer has finished drawing and presenting the scene's first
 * frame (JavaFX's per-scene frame-rendered callback, on the render thread) — not when {@code show()} returned.
 * {@code cpu-ms} is the CPU time the process (all its threads) had used by then: on a busy machine it varies far
 * less than the wall-clock figures, so it compares two builds fairly. {@code epoch-ms} is that moment on the wall
 * clock, so a script can check the figure against its own clock.
 * With the value {@code train} it stays three seconds more before it exits (see {@code TRAINING}).
 */
final class StartupProbe {
    static final String VARIABLE = "CONFAB_STARTUP_PROBE";

    /** USER_HZ, which Linux fixes at 100 for everything it reports in clock ticks. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final boolean ACTIVE = System.getenv(VARIABLE) != null;
    /** {@value #VARIABLE}{@code =train}: the installers' training run for the AOT cache. */
    private static final boolean TRAINING = "train".equals(System.getenv(VARIABLE));
    private static final long PROCESS_START_MS = ACTIVE ? processStartMillis() : 0L;
    private static final StringBuilder PHASES = new StringBuilder();

    private StartupProbe() {
    }

    static boolean active() {
        return ACTIVE;
    }

    /** Notes that a phase of the start has ended (any thread; cheap and silent unless the probe is active). */
    static void mark(String phase) {
        if (ACTIVE) {
            long now = System.currentTimeMillis();
            synchronized (PHASES) {
                PHASES.append(' ').append(phase).append("-ms=").append(now - PROCESS_START_MS);
            }
        }
    }

    /** Call on the FX thread before the window is shown: reports its first rendered frame, then exits. */
    static void reportFirstFrameIfAsked(Scene scene) {
        if (!ACTIVE) {
            return;
        }
        // Internal API (JavaFX runs from the class path here): the only hook that fires after a frame is drawn.
        PerformanceTracker tracker = PerformanceTracker.getSceneTracker(scene);
        AtomicBoolean reported = new AtomicBoolean();
        tracker.setOnFirstPulse(() -> mark("first-pulse"));
        tracker.setOnRenderedFrameTask(() -> {
            if (reported.compareAndSet(false, true)) {
                long frame = System.currentTimeMillis();
                long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis)
                        .orElse(-1L);
                // Reported from the render thread itself: the FX thread may be busy with the next pulse.
                String phases;
                synchronized (PHASES) {
                    phases = PHASES.toString();
                }
                Launcher.report("confab-startup first-frame-ms=" + (frame - PROCESS_START_MS) + phases
                        + " cpu-ms=" + cpu + " epoch-ms=" + frame);
                // A training run stays a little, so what is deferred past the first frame (the protocol codec,
                // Jackson) is loaded too and lands in the AOT cache.
                Executor exit = TRAINING ? CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS) : Runnable::run;
                exit.execute(Platform::exit);
            }
        });
    }

    /**
     * When this process started, on the wall clock. On Linux from the kernel's own figures (start in clock ticks
     * since boot, against the time since boot now), good to about 10 ms; {@link ProcessHandle}'s start instant
     * adds the boot time in whole seconds, so it can be up to a second early.
     */
    private static long processStartMillis() {
        long now = System.currentTimeMillis();
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name (which may hold spaces): field 22, the start time, is the 20th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[19]);
            String uptime = Files.readString(Path.of("/proc/uptime"));
            double secondsSinceBoot = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
            return now - Math.round(secondsSinceBoot * 1000) + startTicks * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException notLinux) {
            return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(now);
        }
    }
}
