package dev.confab.protocol;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds a field that a decoded frame lacks although its record does not mark it {@link Nullable}. Jackson leaves
 * an absent field null; the client's frames check theirs in their constructors, the server's are checked here, so
 * that a hostile server's {@code connected} without {@code data.server} is an error and not a
 * {@code NullPointerException} in the app (found by the app's ServerFramesFuzzTest).
 */
final class RequiredFields {
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent component : components) {
                component.getAccessor().setAccessible(true);
            }
            return components;
        }
    };

    private RequiredFields() {
    }

    /** The path of the first required field that is null ({@code data.server}), if there is one. */
    static Optional<String> firstMissing(Object value) {
        return Optional.ofNullable(missing(value, ""));
    }

    private static @Nullable String missing(@Nullable Object value, String path) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String found = missing(list.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value == null || !value.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent component : COMPONENTS.get(value.getClass())) {
            Object field = read(component, value);
            String name = path.isEmpty() ? component.getName() : path + "." + component.getName();
            if (field == null) {
                if (!component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                    return name;
                }
            } else {
                String found = missing(field, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static @Nullable Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
