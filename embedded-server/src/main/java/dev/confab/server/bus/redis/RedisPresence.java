package dev.confab.server.bus.redis;

import dev.confab.protocol.RoomName;
import dev.confab.server.bus.SharedPresence;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SharedPresence} in Redis. Each room has a hash {@code confab:presence:<room>} with a field
 * {@code <node>|<user id>} (value: the name) per node holding the user there; each node keeps
 * {@code confab:alive:<node>} alive with a ttl, refreshed every heartbeat together with all of its fields (so an
 * emptied Redis is refilled within one heartbeat). Fields of a node whose alive key expired are removed by the
 * surviving nodes; the one whose {@code HDEL} removes a field announces that user's departure, once.
 *
 * <p>When Redis does not answer, a user counts as new on arrival and gone on departure (announced by this node),
 * and a removal that failed is retried with the next heartbeat.
 */
final class RedisPresence implements SharedPresence {
    private static final Logger LOG = LoggerFactory.getLogger(RedisPresence.class);
    private static final String ALIVE = "confab:alive:";
    private static final String ROOM = "confab:presence:";
    private static final String CONNECTIONS = "confab:connections:";
    private static final String NODES = "confab:nodes";
    private static final char SEPARATOR = '|';
    /** KEYS[1] the node's counts; ARGV[1] the ttl in ms, then user id and count pairs. */
    private static final String REWRITE_COUNTS = "redis.call('DEL', KEYS[1]) "
            + "for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end "
            + "if #ARGV > 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return 'OK'";

    private final String nodeId;
    private final RedisCommands<String, String> redis;
    private final Duration ttl;
    private final Map<RoomName, Map<String, String>> mine = new ConcurrentHashMap<>();
    private final Map<String, Integer> connections = new ConcurrentHashMap<>();
    /** Orders the changes of {@link #connections} and their writes to Redis (sign-ins against heartbeats). */
    private final ReentrantLock countsLock = new ReentrantLock();
    private final Set<Removal> pendingRemovals = ConcurrentHashMap.newKeySet();
    private final List<VanishedListener> listeners = new CopyOnWriteArrayList<>();

    RedisPresence(String nodeId, RedisCommands<String, String> redis, Duration ttl) {
        this.nodeId = nodeId;
        this.redis = redis;
        this.ttl = ttl;
    }

    @Override
    public boolean entered(RoomName room, String userId, String username) {
        mine.computeIfAbsent(room, r -> new ConcurrentHashMap<>()).put(userId, username);
        pendingRemovals.remove(new Removal(room, userId));
        try {
            boolean elsewhere = elsewhere(room).containsKey(userId);
            redis.hset(ROOM + room.value(), field(nodeId, userId), username);
            return !elsewhere;
        } catch (RuntimeException e) {
            LOG.debug("Recording presence in Redis failed: {}", e.toString());
            return true;
        }
    }

    @Override
    public boolean left(RoomName room, String userId) {
        mine.computeIfPresent(room, (r, users) -> {
            users.remove(userId);
            return users.isEmpty() ? null : users;
        });
        try {
            redis.hdel(ROOM + room.value(), field(nodeId, userId));
            return !elsewhere(room).containsKey(userId);
        } catch (RuntimeException e) {
            LOG.debug("Removing presence from Redis failed: {}", e.toString());
            pendingRemovals.add(new Removal(room, userId));
            return true;
        }
    }

    @Override
    public Map<String, String> elsewhere(RoomName room) {
        Map<String, String> fields = redis.hgetall(ROOM + room.value());
        Map<String, String> users = new HashMap<>();
        Set<String> live = liveNodes(fields.keySet());
        for (Map.Entry<String, String> entry : fields.entrySet()) {
            String node = nodeOf(entry.getKey());
            if (!node.equals(nodeId) && live.contains(node)) {
                users.putIfAbsent(userOf(entry.getKey()), entry.getValue());
            }
        }
        return users;
    }

    @Override
    public int connectionsElsewhere(String userId) {
        try {
            int total = 0;
            for (String node : liveNodes(redis.smembers(NODES).stream().map(node -> field(node, "")).toList())) {
                if (!node.equals(nodeId)) {
                    String count = redis.hget(CONNECTIONS + node, userId);
                    total += count == null ? 0 : Integer.parseInt(count);
                }
            }
            return total;
        } catch (RuntimeException e) {
            // Without Redis each node enforces the limit on its own connections.
            LOG.debug("Counting connections in Redis failed: {}", e.toString());
            return 0;
        }
    }

    @Override
    public void connectionsHere(String userId, int here) {
        // Under the heartbeat's lock: a heartbeat that read the counts before this change cannot write them after it.
        countsLock.lock();
        try {
            if (here > 0) {
                connections.put(userId, here);
            } else {
                connections.remove(userId);
            }
            if (here > 0) {
                redis.hset(CONNECTIONS + nodeId, userId, String.valueOf(here));
                redis.pexpire(CONNECTIONS + nodeId, ttl.toMillis());
            } else {
                redis.hdel(CONNECTIONS + nodeId, userId);
            }
        } catch (RuntimeException e) {
            // The next heartbeat writes the counts again.
            LOG.debug("Recording connections in Redis failed: {}", e.toString());
        } finally {
            countsLock.unlock();
        }
    }

    /**
     * Replaces this node's counts in Redis by {@link #connections} in one step (a script), so that another node
     * never reads them half rewritten (deleted, not yet written again).
     */
    private void rewriteCounts() {
        countsLock.lock();
        try {
            List<String> arguments = new ArrayList<>();
            arguments.add(String.valueOf(ttl.toMillis()));
            connections.forEach((userId, count) -> {
                arguments.add(userId);
                arguments.add(String.valueOf(count));
            });
            redis.eval(REWRITE_COUNTS, ScriptOutputType.STATUS, new String[] {CONNECTIONS + nodeId},
                    arguments.toArray(String[]::new));
        } finally {
            countsLock.unlock();
        }
    }

    @Override
    public void onVanished(VanishedListener listener) {
        listeners.add(listener);
    }

    /** Called first, before any field is written, and then every heartbeat. */
    void heartbeat(Collection<RoomName> listened) {
        redis.set(ALIVE + nodeId, "1", SetArgs.Builder.px(ttl.toMillis()));
        redis.sadd(NODES, nodeId);
        rewriteCounts();
        forgetDeadNodes();
        for (Map.Entry<RoomName, Map<String, String>> room : mine.entrySet()) {
            Map<String, String> fields = new HashMap<>();
            room.getValue().forEach((userId, name) -> fields.put(field(nodeId, userId), name));
            if (!fields.isEmpty()) {
                redis.hset(ROOM + room.getKey().value(), fields);
            }
        }
        for (Removal removal : List.copyOf(pendingRemovals)) {
            if (!mine.getOrDefault(removal.room(), Map.of()).containsKey(removal.userId())) {
                redis.hdel(ROOM + removal.room().value(), field(nodeId, removal.userId()));
            }
            pendingRemovals.remove(removal);
        }
        for (RoomName room : listened) {
            reapVanished(room);
        }
    }

    /** Drops nodes whose alive key expired from the node set (their connection counts expire by themselves). */
    private void forgetDeadNodes() {
        Set<String> nodes = redis.smembers(NODES);
        Set<String> live = liveNodes(nodes.stream().map(node -> field(node, "")).toList());
        for (String node : nodes) {
            if (!live.contains(node)) {
                redis.srem(NODES, node);
            }
        }
    }

    /** Removes the fields of nodes that stopped heart-beating, announcing each user gone from the room. */
    private void reapVanished(RoomName room) {
        String key = ROOM + room.value();
        Map<String, String> fields = redis.hgetall(key);
        Set<String> live = liveNodes(fields.keySet());
        Set<String> stillHere = new HashSet<>();
        for (String field : fields.keySet()) {
            if (live.contains(nodeOf(field))) {
                stillHere.add(userOf(field));
            }
        }
        for (Map.Entry<String, String> entry : fields.entrySet()) {
            String node = nodeOf(entry.getKey());
            if (live.contains(node) || node.equals(nodeId)) {
                continue;
            }
            String userId = userOf(entry.getKey());
            // HDEL answers 1 on exactly one node: that node announces.
            if (redis.hdel(key, entry.getKey()) == 1 && !stillHere.contains(userId)
                    && !mine.getOrDefault(room, Map.of()).containsKey(userId)) {
                LOG.info("{} left {} with node {}, which stopped", entry.getValue(), room, node);
                for (VanishedListener listener : listeners) {
                    listener.vanished(room, userId, entry.getValue());
                }
            }
        }
    }

    /** The nodes among these fields' nodes whose alive key exists (this node counts as alive). */
    private Set<String> liveNodes(Collection<String> fields) {
        List<String> nodes = fields.stream().map(RedisPresence::nodeOf).distinct().toList();
        Set<String> live = new HashSet<>();
        live.add(nodeId);
        if (nodes.isEmpty()) {
            return live;
        }
        List<String> keys = new ArrayList<>();
        nodes.forEach(node -> keys.add(ALIVE + node));
        for (KeyValue<String, String> alive : redis.mget(keys.toArray(String[]::new))) {
            if (alive.hasValue()) {
                live.add(alive.getKey().substring(ALIVE.length()));
            }
        }
        return live;
    }

    /**
     * Ends this node's presence: its alive key goes, so the other nodes remove its fields at their next heartbeat
     * and announce the users who were only here (this node can no longer publish those announcements itself).
     */
    void retire() {
        redis.del(ALIVE + nodeId, CONNECTIONS + nodeId);
        redis.srem(NODES, nodeId);
    }

    private static String field(String node, String userId) {
        return node + SEPARATOR + userId;
    }

    private static String nodeOf(String field) {
        int at = field.indexOf(SEPARATOR);
        return at < 0 ? field : field.substring(0, at);
    }

    private static String userOf(String field) {
        return field.substring(field.indexOf(SEPARATOR) + 1);
    }

    private record Removal(RoomName room, String userId) {
    }
}
