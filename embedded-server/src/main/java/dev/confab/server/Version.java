package dev.confab.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The server's version: the installed package's when a package's launcher says it (system property
 * {@value #PACKAGE_PROPERTY}), else the build's. The installers are numbered without {@code -SNAPSHOT}, so a
 * server started from one reports the version people see in their package manager, not the build's
 * {@code 0.1.0-SNAPSHOT}.
 */
public final class Version {
    /** Set by the installers' launchers (installers/src/packaging/build.sh) to the package's version. */
    public static final String PACKAGE_PROPERTY = "confab.version";

    private static final String VERSION = of(System.getProperty(PACKAGE_PROPERTY), loadBuilt());

    private Version() {
    }

    /** For example {@code 0.1.0}. */
    public static String current() {
        return VERSION;
    }

    /** The package's version when one is given (not blank), else the build's. */
    static String of(@Nullable String packaged, String built) {
        return packaged == null || packaged.isBlank() ? built : packaged.strip();
    }

    private static String loadBuilt() {
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
