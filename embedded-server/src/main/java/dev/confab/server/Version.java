package dev.confab.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The server's version, from the build. */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    /** For example {@code 0.1.0}. */
    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/confab/server/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
