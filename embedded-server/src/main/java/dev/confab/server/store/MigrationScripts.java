package dev.confab.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads numbered migration scripts from the class path, for every store that runs them (SQLite, PostgreSQL). */
public final class MigrationScripts {
    private MigrationScripts() {
    }

    /** The statements of the script {@code resource} (an absolute class-path name), in order. */
    public static List<String> load(String resource) {
        try (InputStream in = MigrationScripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + resource);
            }
            return statements(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration resource " + resource, e);
        }
    }

    /** Splits a script into statements: comments dropped, split at {@code ;}. */
    public static List<String> statements(String script) {
        StringBuilder text = new StringBuilder();
        for (String line : script.split("\\R")) {
            int comment = line.indexOf("--");
            text.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String part : text.toString().split(";")) {
            if (!part.isBlank()) {
                statements.add(part.strip());
            }
        }
        return statements;
    }
}
