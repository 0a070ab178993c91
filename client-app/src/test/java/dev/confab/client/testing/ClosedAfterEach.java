package dev.confab.client.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * What a UI test opens (servers, then the apps that join them), closed after the test in the reverse order: the
 * apps first, so none of them sees its server go away. Registers TestFX's primary stage before each test.
 * Closing twice must be harmless: a test may close an app or a server itself (to restart it) and leave it here.
 */
public final class ClosedAfterEach implements BeforeEachCallback, AfterEachCallback {
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Returns {@code resource}, to be closed after the test, before everything added earlier. */
    public <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception failed = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
