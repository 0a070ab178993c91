package dev.confab.client.net;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.Decoded;
import dev.confab.protocol.FrameCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical connection to a server, made of successive WebSocket attempts. Reconnection is scheduled on the
 * connection's own scheduler thread, never from a WebSocket callback, with exponential backoff and full jitter.
 * Closes that retrying cannot fix (4401, 4403, not a Confab server) stop the attempts.
 *
 * <p>Every socket gets a generation number; callbacks from a socket that has been replaced are ignored, so a late
 * close of an old socket never disturbs the new one.
 */
public final class ChatConnection implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(ChatConnection.class);
    private static final ConnectionListener NO_LISTENER = new ConnectionListener() {
        @Override
        public void onOpen() {
        }

        @Override
        public void onFrame(dev.confab.protocol.ServerFrame frame) {
        }

        @Override
        public void onUndecodable(dev.confab.protocol.ProtocolError error) {
        }

        @Override
        public void onDropped(DropReason reason) {
        }

        @Override
        public void onRetryScheduled(java.time.Instant at, int attempt) {
        }

        @Override
        public void onConnecting(int attempt) {
        }
    };

    private final ServerAddress address;
    private final ConnectionConfig config;
    private ConnectionListener listener = NO_LISTENER;
    private final FrameCodec codec;
    private final Clock clock;
    private final RandomGenerator random;
    private final ScheduledExecutorService scheduler;
    private final Object lock = new Object();

    private @Nullable Socket socket;
    private @Nullable ScheduledFuture<?> pending;
    private String token = "";
    private int generation;
    private int attempt;
    private boolean autoReconnect;
    private boolean closed;
    private CertificatePins pins = CertificatePins.inMemory();
    private TrustPrompter prompter = TrustPrompter.REFUSE;

    private ChatConnection(ServerAddress address, ConnectionConfig config, FrameCodec codec, Clock clock,
                           RandomGenerator random) {
        this.address = address;
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        this.random = random;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "confab-connect " + address.display());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A connection that does nothing until {@link #connectNow()}. The listener is made from the connection, because
     * a session both listens to its connection and sends through it.
     */
    public static <L extends ConnectionListener> L create(ServerAddress address, ConnectionConfig config,
                                                          FrameCodec codec, Clock clock, RandomGenerator random,
                                                          Function<? super ChatConnection, L> listenerFactory) {
        ChatConnection connection = new ChatConnection(address, config, codec, clock, random);
        L listener = listenerFactory.apply(connection);
        connection.listener = listener;
        return listener;
    }

    public ServerAddress address() {
        return address;
    }

    @Override
    public void token(String token) {
        synchronized (lock) {
            this.token = token;
        }
    }

    /**
     * How a {@code wss://} server's certificate is trusted beyond the system authorities: the user's pins, and who
     * to ask about an unknown or changed certificate. By default only system-trusted certificates are accepted.
     */
    public void trust(CertificatePins value, TrustPrompter ask) {
        synchronized (lock) {
            this.pins = value;
            this.prompter = ask;
        }
    }

    @Override
    public void autoReconnect(boolean enabled) {
        synchronized (lock) {
            this.autoReconnect = enabled;
        }
    }

    @Override
    public void connectNow() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            cancelPending();
            pending = scheduler.schedule(this::attempt, 0, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public boolean send(ClientFrame frame) {
        Socket current;
        synchronized (lock) {
            current = socket;
        }
        if (current == null || !current.isOpen()) {
            return false;
        }
        try {
            current.send(codec.encode(frame));
            return true;
        } catch (org.java_websocket.exceptions.WebsocketNotConnectedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        Socket current;
        synchronized (lock) {
            closed = true;
            cancelPending();
            current = socket;
            socket = null;
            generation++;
        }
        if (current != null) {
            current.close(1000, "bye");
        }
        scheduler.shutdownNow();
    }

    /** Runs on the scheduler thread. */
    private void attempt() {
        Socket next;
        int number;
        Socket old;
        synchronized (lock) {
            old = socket;
        }
        if (old != null) {
            // Outside the lock: closing calls onClose, and so the session, on this thread. Inside it, this thread
            // held the lock while waiting for the session's, and a reader thread in the session waited for the
            // lock in send(): ReconnectLeaksTest deadlocked on its first run.
            old.closeConnection(1000, "replaced");
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            generation++;
            number = attempt;
            Map<String, String> headers = new HashMap<>();
            if (!token.isEmpty()) {
                headers.put("Authorization", "Bearer " + token);
            }
            next = new Socket(generation, headers);
            if (address.secure()) {
                next.setSocketFactory(PinningTrustManager.context(address, pins, next::unknownCertificate)
                        .getSocketFactory());
            }
            socket = next;
        }
        listener.onConnecting(number);
        LOG.debug("Connecting to {} (attempt {})", address, number + 1);
        next.connect();
        // The library's connect timeout covers only the TCP connect: a peer that accepts and then says nothing
        // (no answer to the upgrade, or no hello after it) would hold this attempt for ever.
        next.deadline = scheduler.schedule(next::giveUpIfSilent, config.connectTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void dropped(Socket source, int code, String reason, boolean remote) {
        DropReason why;
        TrustPrompt prompt = source.unknownCertificate;
        TrustPrompter ask;
        synchronized (lock) {
            if (source.generation != generation || closed) {
                return;
            }
            ask = prompter;
        }
        if (prompt != null && !source.opened) {
            askAboutCertificate(source, prompt, ask);
            return;
        }
        synchronized (lock) {
            if (source.generation != generation || closed) {
                return;
            }
            socket = null;
            why = DropReason.fromClose(code, !source.opened, false);
            if (source.notConfab) {
                why = DropReason.NOT_CONFAB;
            } else if (source.silent) {
                why = DropReason.UNREACHABLE;
            }
        }
        LOG.info("Connection to {} ended: {} (code {}, remote {}, {})", address, why, code, remote, reason);
        listener.onDropped(why);
        Duration wait;
        int next;
        synchronized (lock) {
            if (closed || !autoReconnect || !why.retryable()) {
                return;
            }
            wait = config.backoff().delay(attempt, random);
            next = ++attempt;
            cancelPending();
            pending = scheduler.schedule(this::attempt, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        // Outside the lock: the session calls into this connection while holding its own lock.
        listener.onRetryScheduled(clock.instant().plus(wait), next);
    }

    /**
     * The server showed a certificate nobody vouches for: nothing is reported as dropped while the user decides.
     * Trusted: it is pinned and the connection tries again at once. Refused: the drop is final.
     */
    private void askAboutCertificate(Socket source, TrustPrompt prompt, TrustPrompter ask) {
        LOG.warn("{} presented {} certificate SHA-256 {}; asking the user", address,
                prompt.changed() ? "a CHANGED" : "an unknown", prompt.fingerprint());
        ask.ask(prompt).whenComplete((trusted, failure) -> {
            boolean yes = failure == null && Boolean.TRUE.equals(trusted);
            CertificatePins keep;
            synchronized (lock) {
                if (source.generation != generation || closed) {
                    return;
                }
                keep = pins;
                if (!yes) {
                    socket = null;
                }
            }
            if (yes) {
                LOG.info("The user trusts {} with certificate SHA-256 {}", address, prompt.fingerprint());
                keep.pin(PinningTrustManager.pinKey(address), prompt.fingerprint());
                connectNow();
            } else {
                LOG.info("The user refused the certificate of {}", address);
                listener.onDropped(DropReason.UNTRUSTED_CERTIFICATE);
            }
        });
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** One WebSocket attempt. */
    private final class Socket extends WebSocketClient {
        private final int generation;
        private volatile boolean opened;
        private volatile boolean framed;
        private volatile boolean notConfab;
        /** Gave no first frame within the connect timeout (see {@link #giveUpIfSilent()}). */
        private volatile boolean silent;
        private volatile @Nullable ScheduledFuture<?> deadline;
        private volatile @Nullable TrustPrompt unknownCertificate;

        Socket(int generation, Map<String, String> headers) {
            super(address.uri(), new org.java_websocket.drafts.Draft_6455(), headers,
                    (int) config.connectTimeout().toMillis());
            this.generation = generation;
            setConnectionLostTimeout((int) config.heartbeat().toSeconds());
            setTcpNoDelay(true);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            opened = true;
            if (isCurrent()) {
                listener.onOpen();
            }
        }

        @Override
        public void onMessage(String text) {
            if (!isCurrent()) {
                return;
            }
            switch (codec.decodeServer(text)) {
                case Decoded.Ok<dev.confab.protocol.ServerFrame> ok -> {
                    if (!framed) {
                        framed = true;
                        cancelDeadline();
                        synchronized (lock) {
                            attempt = 0;
                        }
                    }
                    listener.onFrame(ok.frame());
                }
                case Decoded.Failed<dev.confab.protocol.ServerFrame> failed -> {
                    LOG.warn("Undecodable frame from {}: {}", address, failed.error().message());
                    if (!framed) {
                        // The very first frame is not Confab: this is some other WebSocket service.
                        notConfab = true;
                        close(1002, "not a Confab server");
                        return;
                    }
                    listener.onUndecodable(failed.error());
                }
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            cancelDeadline();
            dropped(this, code, reason, remote);
        }

        /** The first frame came, or the attempt is over: {@link #giveUpIfSilent()} has nothing left to do. */
        private void cancelDeadline() {
            ScheduledFuture<?> giveUp = deadline;
            if (giveUp != null) {
                giveUp.cancel(false);
            }
        }

        @Override
        public void onError(Exception e) {
            // Logged here once; onClose always follows and decides what happens next.
            LOG.debug("Socket error on {}: {}", address, e.toString());
        }

        /**
         * Ends this attempt if the server's first frame has not come by now. Closing the TCP socket is what wakes
         * the library's connection thread from its blocking read of the upgrade answer; it then reports the close
         * as usual, and {@link #dropped} retries with backoff.
         */
        void giveUpIfSilent() {
            if (framed || isClosed() || !isCurrent()) {
                return; // answered, or already over (a refused certificate waits for the user: not silence)
            }
            silent = true;
            LOG.info("No answer from {} within {} ms; giving up this attempt", address,
                    config.connectTimeout().toMillis());
            java.net.Socket tcp = getSocket();
            try {
                if (tcp != null) {
                    tcp.close();
                } else {
                    closeConnection(1006, "no answer");
                }
            } catch (java.io.IOException e) {
                LOG.debug("Closing the silent socket to {}: {}", address, e.toString());
                closeConnection(1006, "no answer");
            }
        }

        void unknownCertificate(TrustPrompt prompt) {
            unknownCertificate = prompt;
        }

        private boolean isCurrent() {
            synchronized (lock) {
                return generation == ChatConnection.this.generation && !closed;
            }
        }
    }
}
