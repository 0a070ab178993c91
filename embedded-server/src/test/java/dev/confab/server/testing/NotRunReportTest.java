package dev.confab.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The end-of-run report names the classes and tests that did not run, and why; a run where all ran says nothing. */
class NotRunReportTest {

    @Test
    void namesAClassWhoseBeforeAllAssumptionFailedAndADisabledTestWithTheirReasons() {
        String report = run(NeedsAMissingBinary.class, HasADisabledTest.class);

        assertThat(report).contains("NOT RUN: 2 test class(es) or test(s) did not run")
                .contains(NeedsAMissingBinary.class.getName() + " (2 tests): not run: Assumption failed: "
                        + "frobnicator is not installed")
                .contains(HasADisabledTest.class.getName() + "#later: skipped: waits for the frobnicator");
    }

    @Test
    void saysNothingWhenEverythingRan() {
        assertThat(run(AllRun.class)).isEmpty();
    }

    private static String run(Class<?>... classes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        // Without the listeners of META-INF/services, or this run's report would go to the console too.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (Class<?> type : classes) {
            request.selectors(selectClass(type));
        }
        launcher.execute(request.build(), new NotRunReport(() -> out));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static class NeedsAMissingBinary {
        @BeforeAll
        static void requireIt() {
            Assumptions.assumeTrue(false, "frobnicator is not installed");
        }

        @Test
        void one() {
        }

        @Test
        void two() {
        }
    }

    static class HasADisabledTest {
        @Test
        void now() {
        }

        @Test
        @Disabled("waits for the frobnicator")
        void later() {
        }
    }

    static class AllRun {
        @Test
        void runs() {
        }
    }
}
