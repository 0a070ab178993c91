package dev.confab.bench.target;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Redis and PostgreSQL that the nodes of a cluster target share, started by {@code bench/cluster.sh}.
 *
 * @param storeUrl  the JDBC URL of the store, {@code DBNAME} standing for a database made fresh for each start
 * @param storeUser the PostgreSQL role
 * @param busUri    the Redis URI
 * @param prepare   a shell command run before each start ({@code DBNAME} replaced): creates that database and
 *                  empties Redis, so every scenario starts from nothing, as with a fresh SQLite directory
 * @param pids      the services' processes by name ({@code redis}, {@code postgres}), whose CPU (children
 *                  included: PostgreSQL runs a process per connection) counts as the target's
 */
public record SharedServices(String storeUrl, String storeUser, String busUri, String prepare, Map<String, Long> pids) {
    public SharedServices {
        if (!storeUrl.contains("DBNAME") || busUri.isEmpty()) {
            throw new IllegalArgumentException("a cluster target needs --store-url with DBNAME in it, and --bus");
        }
        pids = Map.copyOf(pids);
    }

    /** Reads {@code redis=PID,postgres=PID}. */
    public static Map<String, Long> parsePids(String text) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected name=pid, not " + part);
            }
            pids.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
        }
        return pids;
    }
}
