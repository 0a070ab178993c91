package dev.confab.client.viewmodel;

import dev.confab.client.net.ServerAddress;
import dev.confab.client.net.Transport;
import dev.confab.client.session.ChatSession;
import dev.confab.client.session.FileOutbox;
import dev.confab.client.session.SessionConfig;
import dev.confab.client.session.SessionEvent;
import dev.confab.client.session.TokenSink;
import dev.confab.client.settings.ReadPositions;
import dev.confab.protocol.ClientFrame;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/** Fakes at the edges of the view models: transport, desktop, connector. Everything in between is real. */
final class ViewModelFixtures {
    private ViewModelFixtures() {
    }

    static final class RecordingTransport implements Transport {
        final List<ClientFrame> sent = new CopyOnWriteArrayList<>();
        volatile int connects;

        @Override
        public boolean send(ClientFrame frame) {
            sent.add(frame);
            return true;
        }

        @Override
        public void connectNow() {
            connects++;
        }

        @Override
        public void autoReconnect(boolean enabled) {
        }

        @Override
        public void token(String token) {
        }

        @Override
        public void close() {
        }

        <T extends ClientFrame> List<T> sentOf(Class<T> type) {
            return sent.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    static final class RecordingDesktop implements Desktop {
        final List<String> copied = new ArrayList<>();
        final List<String> notified = new ArrayList<>();
        final List<String> opened = new ArrayList<>();
        boolean hasTray;

        @Override
        public void copyToClipboard(String text) {
            copied.add(text);
        }

        @Override
        public void openLink(String url) {
            opened.add(url);
        }

        @Override
        public boolean notify(String title, String body) {
            if (hasTray) {
                notified.add(title + ": " + body);
            }
            return hasTray;
        }
    }

    /** A connector whose sessions run over a recording transport; events go straight to the target. */
    static final class FakeConnector implements Connector {
        final RecordingTransport transport = new RecordingTransport();
        final Path dir;
        final Clock clock;
        final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<HostedRoom> hostResult = new CompletableFuture<>();
        final FakeLanBrowser lan = new FakeLanBrowser();
        List<dev.confab.client.discovery.Finding> findings = List.of();
        int networkChecks;
        ChatSession session;
        boolean token;

        FakeConnector(Path dir, Clock clock) {
            this.dir = dir;
            this.clock = clock;
        }

        @Override
        public CompletableFuture<HostedRoom> host(String owner) {
            return hostResult;
        }

        @Override
        public ChatSession open(ServerAddress address, Consumer<List<SessionEvent>> target) {
            session = ChatSession.create(transport, FileOutbox.open(dir.resolve("outbox.properties")),
                    new TokenSink() {
                        @Override
                        public void store(String username, String value) {
                            token = true;
                        }

                        @Override
                        public void forget() {
                            token = false;
                        }
                    }, ReadPositions.open(dir.resolve("read-positions.properties"), timers, Duration.ZERO)
                            .forServer(address.display()), event -> target.accept(List.of(event)), clock,
                    SessionConfig.defaults(), timers, "", List.of());
            return session;
        }

        @Override
        public boolean hasToken(ServerAddress address) {
            return token;
        }

        @Override
        public dev.confab.client.discovery.LanBrowser lanBrowser() {
            return lan;
        }

        @Override
        public List<dev.confab.client.discovery.Finding> checkNetwork(String browserProblem) {
            networkChecks++;
            return findings;
        }

        @Override
        public void shutdown() {
            timers.shutdownNow();
        }
    }

    /** A LAN browser the test feeds snapshots by hand. */
    static final class FakeLanBrowser implements dev.confab.client.discovery.LanBrowser {
        Consumer<Snapshot> listener = snapshot -> { };
        boolean closed;

        @Override
        public void start(Consumer<Snapshot> target) {
            listener = target;
        }

        void push(List<dev.confab.client.discovery.FoundServer> servers, boolean settled) {
            listener.accept(new Snapshot(servers, settled, ""));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
