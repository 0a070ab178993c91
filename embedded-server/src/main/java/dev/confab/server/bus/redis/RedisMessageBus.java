package dev.confab.server.bus.redis;

import dev.confab.protocol.RoomName;
import dev.confab.server.bus.GapSource;
import dev.confab.server.bus.MessageBus;
import dev.confab.server.bus.RoomEvent;
import dev.confab.server.bus.RoomSequencer;
import dev.confab.server.bus.SharedPresence;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MessageBus} for several nodes: every event is delivered to this node's subscribers at once and published
 * on the room's Redis channel for the other nodes. Redis pub/sub is at-most-once, so message events go through a
 * {@link RoomSequencer} per room, and the holes it finds are filled from the store: after {@code gapGrace} when a
 * later message showed the hole, at each {@code pollInterval} for a hole at the end of a burst, and at once when a
 * channel is (re)subscribed after Redis came back. Subscribers see each room's messages in seq order, each once.
 *
 * <p>A message this node is still storing is never healed: the node publishes it itself when the write completes,
 * with the author's own copy (reply_to), and the messages after it wait for that (see {@link #storing}).
 */
public final class RedisMessageBus implements MessageBus {
    private static final Logger LOG = LoggerFactory.getLogger(RedisMessageBus.class);
    private static final int HEAL_BATCH = 500;
    private static final Duration TICK = Duration.ofMillis(50);

    private final RedisBusConfig config;
    private final String nodeId;
    private final GapSource gaps;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> subscriptions;
    private final Map<RoomName, RoomSequencer> rooms = new ConcurrentHashMap<>();
    private final ScheduledExecutorService healer;
    private final ScheduledExecutorService heartbeat;
    private final RedisPresence presence;
    private final OwnWrites ownWrites = new OwnWrites();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastPoll = System.nanoTime();

    private RedisMessageBus(RedisBusConfig config, String nodeId, GapSource gaps, RedisClient client) {
        this.config = config;
        this.nodeId = nodeId;
        this.gaps = gaps;
        this.client = client;
        this.commands = client.connect();
        this.subscriptions = client.connectPubSub();
        this.subscriptions.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                received(channel, message);
            }

            @Override
            public void subscribed(String channel, long count) {
                // Also called when Lettuce resubscribes after a reconnect: what was published meanwhile is lost.
                roomOf(channel).ifPresent(room -> healSoon(room));
            }
        });
        this.healer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "confab-redis-healer");
            thread.setDaemon(true);
            return thread;
        });
        healer.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        this.presence = new RedisPresence(nodeId, commands.sync(), config.presenceTtl());
        presence.heartbeat(List.of());
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "confab-redis-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            presence.heartbeat(List.copyOf(rooms.keySet()));
        } catch (RuntimeException e) {
            // Redis is away; the next beat refills it.
            LOG.debug("Presence heartbeat failed: {}", e.toString());
        }
    }

    @Override
    public SharedPresence presence() {
        return presence;
    }

    /**
     * Connects to Redis.
     *
     * @param nodeId names this node in Redis (unique per running node)
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static RedisMessageBus connect(RedisBusConfig config, String nodeId, GapSource gaps) {
        RedisClient client = createClient(config);
        try {
            return new RedisMessageBus(config, nodeId, gaps, client);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
    }

    /**
     * Connects a node to Redis, as the node's assembly does: a Redis that cannot be reached is a start-up failure
     * whose message names the (password-free) URI.
     *
     * @throws IllegalStateException when Redis cannot be reached
     */
    public static RedisMessageBus connectNode(RedisBusConfig config, String nodeId, GapSource gaps) {
        // Caught here, not by the caller: a catch of a Lettuce type in NodeAssembly made the verifier load Lettuce
        // in every process that starts a node, the desktop app too, which ships without Lettuce.
        try {
            return connect(config, nodeId, gaps);
        } catch (RedisException e) {
            throw new IllegalStateException("cannot connect to the Redis bus at " + config.safeUri() + ": "
                    + e.getMessage(), e);
        }
    }

    static RedisClient createClient(RedisBusConfig config) {
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(config.commandTimeout());
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .socketOptions(SocketOptions.builder().connectTimeout(config.commandTimeout()).build())
                // While Redis is away, publishing fails at once instead of piling up: the store heals the others.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
                .build());
        return client;
    }

    public String nodeId() {
        return nodeId;
    }

    @Override
    public void publish(RoomEvent event) {
        if (closed.get()) {
            return;
        }
        RoomSequencer local = rooms.get(event.room());
        if (local != null) {
            local.offer(event);
        }
        commands.async().publish(Envelope.channel(event.room()), new Envelope(nodeId, event).encode())
                .exceptionally(failure -> {
                    // The other nodes heal message events from the store; other events are at-most-once.
                    LOG.debug("Publishing to room {} failed: {}", event.room(), failure.toString());
                    return null;
                });
    }

    @Override
    public Storing storing(RoomName room, String userId, @Nullable String clientId) {
        return ownWrites.add(room, userId, clientId);
    }

    @Override
    public Subscription subscribe(RoomName room, Consumer<RoomEvent> subscriber) {
        RoomSequencer sequencer = rooms.computeIfAbsent(room, this::listen);
        sequencer.addSubscriber(subscriber);
        return () -> {
            if (sequencer.removeSubscriber(subscriber) && rooms.remove(room, sequencer)) {
                subscriptions.async().unsubscribe(Envelope.channel(room));
            }
        };
    }

    /**
     * Subscribes to the room's channel (waiting up to the command timeout), then starts delivery at the store's
     * newest seq: whatever is published after that point arrives live or is healed.
     */
    private RoomSequencer listen(RoomName room) {
        RoomSequencer sequencer = new RoomSequencer(room.value(), config.maxHeld(), System::nanoTime);
        try {
            subscriptions.async().subscribe(Envelope.channel(room)).get(config.commandTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retrySubscribe(room, sequencer, firstRetry());
        } catch (Exception e) {
            // Redis is away. Lettuce resubscribes only what it had subscribed, so this room is retried here; the
            // store fills in until then (pollInterval).
            LOG.warn("Could not subscribe to room {} on Redis ({}); retrying until it answers", room, e.toString());
            retrySubscribe(room, sequencer, firstRetry());
        }
        sequencer.start(gaps.lastSeq(room));
        return sequencer;
    }

    private Duration firstRetry() {
        Duration first = Duration.ofMillis(100);
        return first.compareTo(config.subscribeRetryMax()) < 0 ? first : config.subscribeRetryMax();
    }

    private void retrySubscribe(RoomName room, RoomSequencer sequencer, Duration delay) {
        if (closed.get()) {
            return;
        }
        try {
            healer.schedule(() -> resubscribe(room, sequencer, delay), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closing: nothing to subscribe for any more.
            LOG.debug("Not retrying the subscription to room {}: the bus is closing", room);
        }
    }

    /**
     * One more attempt for a room whose subscription failed, while the room is still listened to by the same
     * sequencer; on failure the next one follows after twice the wait, up to {@code subscribeRetryMax}. Success is
     * healed by {@code subscribed}, like a resubscription by Lettuce.
     */
    private void resubscribe(RoomName room, RoomSequencer sequencer, Duration delay) {
        if (closed.get() || rooms.get(room) != sequencer) {
            return;
        }
        String channel = Envelope.channel(room);
        subscriptions.async().subscribe(channel).toCompletableFuture()
                .orTimeout(config.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((done, failure) -> {
                    if (failure == null) {
                        LOG.info("Subscribed to room {} on Redis after retrying", room);
                        if (!rooms.containsKey(room)) {
                            // Left while this attempt was under way.
                            subscriptions.async().unsubscribe(channel);
                        }
                        return;
                    }
                    Duration doubled = delay.multipliedBy(2);
                    Duration next = doubled.compareTo(config.subscribeRetryMax()) < 0 ? doubled
                            : config.subscribeRetryMax();
                    LOG.debug("Subscribing to room {} failed again ({}); next attempt in {}", room, failure.toString(),
                            next);
                    retrySubscribe(room, sequencer, next);
                });
    }

    /** True when Redis answers a PING within the command timeout. */
    @Override
    public boolean healthy() {
        try {
            return "PONG".equals(commands.async().ping().get(config.commandTimeout().toMillis(),
                    TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Rooms this node listens to. */
    public int roomCount() {
        return rooms.size();
    }

    private void received(String channel, String message) {
        Envelope.decode(channel, message).ifPresent(envelope -> {
            if (!envelope.node().equals(nodeId)) {
                RoomSequencer sequencer = rooms.get(envelope.event().room());
                if (sequencer != null) {
                    sequencer.offer(envelope.event());
                }
            }
        });
    }

    private static Optional<RoomName> roomOf(String channel) {
        if (!channel.startsWith(Envelope.CHANNEL_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RoomName.of(channel.substring(Envelope.CHANNEL_PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void healSoon(RoomName room) {
        if (!closed.get()) {
            healer.execute(() -> heal(room));
        }
    }

    private void tick() {
        try {
            long grace = config.gapGrace().toNanos();
            for (Map.Entry<RoomName, RoomSequencer> entry : rooms.entrySet()) {
                if (entry.getValue().waitingLongerThan(grace)) {
                    heal(entry.getKey());
                }
            }
            if (System.nanoTime() - lastPoll >= config.pollInterval().toNanos() && !rooms.isEmpty()) {
                lastPoll = System.nanoTime();
                Map<RoomName, Long> newest = gaps.lastSeqs();
                for (Map.Entry<RoomName, RoomSequencer> entry : rooms.entrySet()) {
                    if (newest.getOrDefault(entry.getKey(), 0L) > entry.getValue().delivered()) {
                        heal(entry.getKey());
                    }
                }
            }
        } catch (RuntimeException e) {
            // The store is down, most likely; the next tick tries again.
            LOG.debug("Healing gaps failed: {}", e.toString());
        }
    }

    /** Reads what this node missed in a room from the store and offers it, in batches, until caught up. */
    private void heal(RoomName room) {
        RoomSequencer sequencer = rooms.get(room);
        if (sequencer == null || !sequencer.started()) {
            return;
        }
        long from = sequencer.delivered();
        while (true) {
            List<GapSource.Missed> missed = gaps.missed(room, from, HEAL_BATCH);
            if (missed.isEmpty()) {
                return;
            }
            LOG.debug("Room {}: healing {} messages after seq {}", room, missed.size(), from);
            for (GapSource.Missed message : missed) {
                if (ownWrites.storing(room, message.userId(), message.clientId())) {
                    // Committed, but its write has not returned here yet: this node's own publish follows.
                    LOG.debug("Room {}: seq {} is this node's to publish; healing waits for it", room,
                            message.event().seq());
                    return;
                }
                sequencer.offer(message.event());
            }
            long now = sequencer.delivered();
            if (now <= from || missed.size() < HEAL_BATCH) {
                return;
            }
            from = now;
        }
    }

    /**
     * Drops this node's Redis connections at once without removing its presence, which then expires: what the
     * other nodes see when a node dies. For failure drills and tests.
     */
    public void abandon() {
        if (closed.compareAndSet(false, true)) {
            healer.shutdownNow();
            heartbeat.shutdownNow();
            rooms.clear();
            subscriptions.close();
            commands.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        healer.shutdownNow();
        heartbeat.shutdownNow();
        rooms.clear();
        try {
            presence.retire();
        } catch (RuntimeException e) {
            // Redis is away: the alive key expires by itself.
            LOG.debug("Retiring this node's presence failed: {}", e.toString());
        }
        subscriptions.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
