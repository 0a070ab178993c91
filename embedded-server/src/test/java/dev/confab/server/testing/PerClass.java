package dev.confab.server.testing;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One expensive resource for all tests of a class, such as a real {@code redis-server}: started before the first
 * test, closed after the last. Register it as a static field,
 * {@code @RegisterExtension static final PerClass<RedisProcess> REDIS = PerClass.of(RedisProcess::start);}, and
 * read it with {@link #get()}. A start that skips the class (the binary is missing) leaves nothing to close.
 */
public final class PerClass<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<T> start;
    private @Nullable T resource;

    private PerClass(Supplier<T> start) {
        this.start = start;
    }

    public static <T extends AutoCloseable> PerClass<T> of(Supplier<T> start) {
        return new PerClass<>(start);
    }

    public T get() {
        if (resource == null) {
            throw new IllegalStateException("read outside the tests of the class that registered it");
        }
        return resource;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        resource = start.get();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (resource != null) {
            try {
                resource.close();
            } finally {
                resource = null;
            }
        }
    }
}
