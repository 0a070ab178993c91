package dev.confab.server.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Names every test class and test that did not run (a failed assumption, such as a missing redis-server or
 * PostgreSQL, no root; or {@code @Disabled}) and why, at the end of the run, on the console.
 *
 * <p>Registered through {@code META-INF/services}, so it covers every test without any test knowing of it. Surefire
 * reports a class whose {@code @BeforeAll} assumption failed as "Tests run: 0, Skipped: 0" without the reason
 * (SUREFIRE-2300), and with {@code redirectTestOutputToFile} whatever a test prints goes to a file: so this writes
 * to the forked JVM's own standard error, which Surefire copies to the Maven console.
 */
public final class NotRunReport implements TestExecutionListener {
    private final List<String> notRun = new CopyOnWriteArrayList<>();
    private final Supplier<PrintStream> console;
    private volatile @Nullable TestPlan plan;

    /** Writes to this JVM's own standard error (the service loader's constructor). */
    public NotRunReport() {
        this(() -> new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    }

    NotRunReport(Supplier<PrintStream> console) {
        this.console = console;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        notRun.clear();
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        notRun.add(describe(identifier) + ": skipped: " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
            notRun.add(describe(identifier) + ": not run: " + reason);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (notRun.isEmpty()) {
            return;
        }
        // Not closed: it is the process's standard error.
        // One write, so that Maven's own lines, printed meanwhile, do not cut into the report.
        StringBuilder report = new StringBuilder("[WARNING] NOT RUN: " + notRun.size()
                + " test class(es) or test(s) did not run:" + System.lineSeparator());
        notRun.forEach(line -> report.append("[WARNING]   ").append(line).append(System.lineSeparator()));
        PrintStream out = console.get();
        out.print(report);
        out.flush();
    }

    private String describe(TestIdentifier identifier) {
        String name = identifier.getSource().flatMap(NotRunReport::nameOf).orElse(identifier.getDisplayName());
        TestPlan current = plan;
        if (identifier.isContainer() && current != null) {
            long tests = current.getDescendants(identifier).stream().filter(TestIdentifier::isTest).count();
            return name + " (" + tests + " tests)";
        }
        return name;
    }

    private static Optional<String> nameOf(TestSource source) {
        return switch (source) {
            case ClassSource c -> Optional.of(c.getClassName());
            case MethodSource m -> Optional.of(m.getClassName() + "#" + m.getMethodName());
            default -> Optional.empty();
        };
    }
}
