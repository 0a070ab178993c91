package dev.confab.client.viewmodel;

import dev.confab.client.discovery.LanBrowser;
import dev.confab.client.net.DropReason;
import dev.confab.client.net.InviteLink;
import dev.confab.client.net.ServerAddress;
import dev.confab.client.session.AuthRequest;
import dev.confab.client.session.ChatSession;
import dev.confab.client.session.SessionEvent;
import dev.confab.client.session.SessionStatus;
import dev.confab.client.settings.Settings;
import dev.confab.client.settings.StartMode;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ProtocolViolation;
import dev.confab.protocol.Username;
import java.time.Clock;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app as a whole: which screen shows, and the way from the start screen into a chat. Owns the one session.
 * Events of a session that was replaced are dropped (each session's events carry its generation).
 */
public final class AppViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(AppViewModel.class);

    /** The screens. */
    public enum Screen { START, CHAT }

    private final Connector connector;
    private final Desktop desktop;
    private final Settings settings;
    private final Executor commands;
    private final Executor fx;
    private final Clock clock;
    private final StartViewModel start = new StartViewModel(this);
    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.START);
    private final ReadOnlyObjectWrapper<@Nullable ChatViewModel> chat = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");

    private @Nullable ChatSession session;
    private @Nullable ServerAddress address;
    private @Nullable HostedRoom hosted;
    private @Nullable LanBrowser lan;
    private LanBrowser.Snapshot lanSnapshot = new LanBrowser.Snapshot(java.util.List.of(), false, "");
    private boolean triedGuest;
    private int generation;

    private AppViewModel(Connector connector, Desktop desktop, Settings settings,
                         Executor commands, Executor fx, Clock clock, String osUser) {
        this.connector = connector;
        this.desktop = desktop;
        this.settings = settings;
        this.commands = commands;
        this.fx = fx;
        this.clock = clock;
        start.displayNameProperty().set(settings.displayName().orElse(suggestName(osUser)));
        start.addressProperty().set(settings.lastServer().orElse(""));
        start.recentServers().setAll(settings.recentServers());
        settings.onWriteFailure(e -> fx.execute(() -> notice.set(Texts.get("settings.writeFailed"))));
    }

    /**
     * The app's view model. {@code commands} runs session work off the FX thread (one thread, in order);
     * {@code fx} runs on the FX thread.
     */
    public static AppViewModel create(Connector connector, Desktop desktop, Settings settings,
                                      Executor commands, Executor fx, Clock clock, String osUser) {
        return new AppViewModel(connector, desktop, settings, commands, fx, clock, osUser);
    }

    public StartViewModel start() {
        return start;
    }

    public ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<@Nullable ChatViewModel> chatProperty() {
        return chat.getReadOnlyProperty();
    }

    /** A window-wide notice that asks nothing of the user ("Your settings could not be saved"); empty for none. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public void dismissNotice() {
        notice.set("");
    }

    /** Picks up where the last run left off: hosting again, or back into the last server with its token. */
    public void launch(boolean hostRequested) {
        watchNetwork();
        StartMode mode = hostRequested ? StartMode.HOST : settings.startMode();
        switch (mode) {
            case HOST -> host();
            case JOIN -> settings.lastServer().flatMap(ServerAddress::parse)
                    .filter(connector::hasToken)
                    .ifPresent(server -> {
                        openSession(server);
                        screen.set(Screen.CHAT);
                        ChatSession current = session;
                        commands.execute(() -> current.resume());
                    });
            case NONE -> { }
        }
    }

    /**
     * Starts straight into the room of an invite link ({@code confab://host:port/room}), as the desktop hands it
     * over; a bad link stays on the start screen with the reason.
     */
    public void openInvite(String link) {
        watchNetwork();
        switch (InviteLink.parse(link)) {
            case InviteLink.Parsed.Bad bad -> start.showError(Texts.get("error.badInvite", bad.reason()));
            case InviteLink.Parsed.Ok ok -> {
                String server = ok.link().server().display();
                var room = ok.link().room();
                if (room != null) {
                    java.util.List<String> rooms = new java.util.ArrayList<>(settings.rooms(server));
                    if (!rooms.contains(room.value())) {
                        rooms.add(room.value());
                        settings.rooms(server, rooms);
                    }
                    settings.lastRoom(server, room.value());
                }
                start.addressProperty().set(server);
                join(server);
            }
        }
    }

    /** Starts watching the local network for servers (once). */
    private void watchNetwork() {
        if (lan != null) {
            return;
        }
        LanBrowser browser = connector.lanBrowser();
        lan = browser;
        browser.start(snapshot -> fx.execute(() -> onLan(snapshot)));
    }

    private void onLan(LanBrowser.Snapshot snapshot) {
        boolean wasEmpty = lanSnapshot.servers().isEmpty() && lanSnapshot.settled();
        lanSnapshot = snapshot;
        start.found().setAll(snapshot.servers().stream().map(NetworkAdvice::item).toList());
        boolean empty = snapshot.servers().isEmpty();
        start.searching.set(empty && !snapshot.settled());
        start.nothingFound.set(empty && snapshot.settled());
        if (empty && snapshot.settled() && !wasEmpty) {
            checkNetwork();
        }
    }

    /** Runs the network check off the FX thread and shows what it found. */
    void checkNetwork() {
        String problem = lanSnapshot.problem();
        commands.execute(() -> {
            var findings = NetworkAdvice.of(connector.checkNetwork(problem));
            fx.execute(() -> start.networkCheck().setAll(findings));
        });
    }

    void host() {
        if (!validName()) {
            return;
        }
        busy(Texts.get("start.hosting"));
        connector.host(start.displayNameProperty().get().strip()).whenCompleteAsync((room, failure) -> {
            if (failure != null) {
                LOG.error("Could not start hosting", failure);
                start.showError(Texts.get("error.hostFailed"));
                return;
            }
            hosted = room;
            settings.startMode(StartMode.HOST);
            openSession(room.local());
            ChatSession current = session;
            commands.execute(current::start);
        }, fx);
    }

    void join(String typed) {
        if (!validName()) {
            return;
        }
        ServerAddress server = ServerAddress.parse(typed).orElse(null);
        if (server == null) {
            start.showError(Texts.get("error.badAddress"));
            return;
        }
        hosted = null;
        busy(Texts.get("start.connecting", server.display()));
        openSession(server);
        ChatSession current = session;
        commands.execute(current::start);
    }

    void signIn(String username, String password) {
        authenticate(new AuthRequest.SignIn(username, password));
    }

    void createAccount(String username, String password) {
        authenticate(new AuthRequest.CreateAccount(username, password));
    }

    void guest(String username) {
        authenticate(new AuthRequest.Guest(username.isEmpty() ? start.displayNameProperty().get() : username));
    }

    void backToStart() {
        closeSession();
        start.pageProperty().set(StartViewModel.Page.CHOOSE);
        start.error.set("");
        start.busy.set(false);
        screen.set(Screen.START);
    }

    /** Closes the session and stops hosting (the window is closing). */
    public void shutdown() {
        LanBrowser browser = lan;
        if (browser != null) {
            browser.close();
        }
        closeSession();
        connector.shutdown();
    }

    private void authenticate(AuthRequest request) {
        ChatSession current = session;
        if (current == null) {
            return;
        }
        if (request.username().isEmpty()) {
            start.showError(Texts.get("auth.invalid_username"));
            return;
        }
        busy(Texts.get("start.signingIn"));
        commands.execute(() -> current.signIn(request));
    }

    private void openSession(ServerAddress server) {
        closeSession();
        int mine = ++generation;
        address = server;
        triedGuest = false;
        ChatSession opened = connector.open(server, batch -> {
            if (mine == generation) {
                batch.forEach(this::handle);
            }
        });
        session = opened;
        ChatViewModel model = new ChatViewModel(opened, commands, desktop, settings, server.display(), clock);
        model.fx(fx);
        if (hosted != null) {
            model.hosting(hosted.lanAddresses());
        }
        chat.set(model);
    }

    private void closeSession() {
        generation++;
        ChatSession old = session;
        session = null;
        if (old != null) {
            commands.execute(old::close);
        }
    }

    private void handle(SessionEvent event) {
        ChatViewModel model = chat.get();
        switch (event) {
            case SessionEvent.SignInNeeded need -> onSignInNeeded(need);
            case SessionEvent.SignedIn signed -> onSignedIn(signed);
            case SessionEvent.StatusChanged changed -> onStatus(changed.status());
            default -> { }
        }
        if (model != null) {
            model.handle(event);
        }
    }

    private void onSignInNeeded(SessionEvent.SignInNeeded need) {
        ChatSession current = session;
        if (current == null || address == null) {
            return;
        }
        if (need.problem() == null && need.offer().guests() && !triedGuest) {
            triedGuest = true;
            String name = start.displayNameProperty().get().strip();
            commands.execute(() -> current.signIn(new AuthRequest.Guest(name)));
            return;
        }
        start.serverLabel.set(Texts.get("signin.title", need.offer().server().name()));
        start.serverAddress.set(Texts.get("signin.server", address.display()));
        start.guestsAllowed.set(need.offer().guests());
        start.registrationAllowed.set(need.offer().registration());
        if (start.usernameProperty().get().isBlank()) {
            start.usernameProperty().set(start.displayNameProperty().get());
        }
        start.passwordProperty().set("");
        boolean alreadyAsking = start.pageProperty().get() == StartViewModel.Page.SIGN_IN;
        start.pageProperty().set(StartViewModel.Page.SIGN_IN);
        screen.set(Screen.START);
        if (need.problem() != null) {
            start.showError(authProblem(need.problem()));
        } else if (!alreadyAsking) {
            start.showError("");
        } else {
            start.busy.set(false);
        }
    }

    private void onSignedIn(SessionEvent.SignedIn signed) {
        start.busy.set(false);
        start.error.set("");
        start.passwordProperty().set("");
        settings.displayName(start.displayNameProperty().get().strip());
        if (hosted == null && address != null) {
            settings.lastServer(address.display());
            settings.startMode(StartMode.JOIN);
            start.recentServers().setAll(settings.recentServers());
        }
        start.pageProperty().set(StartViewModel.Page.CHOOSE);
        screen.set(Screen.CHAT);
    }

    private void onStatus(SessionStatus status) {
        if (!(status instanceof SessionStatus.Offline offline) || address == null) {
            return;
        }
        DropReason reason = offline.reason();
        if (reason == DropReason.AUTH_REJECTED) {
            // Someone whose sign-in lapsed should choose how to come back, not be made a guest silently.
            triedGuest = true;
            ChatSession current = session;
            String previous = current == null ? null : current.username();
            if (start.usernameProperty().get().isBlank()) {
                start.usernameProperty().set(previous != null ? previous : start.displayNameProperty().get());
            }
            start.pageProperty().set(StartViewModel.Page.SIGN_IN);
            screen.set(Screen.START);
            start.showError(Texts.get("error.signInAgain"));
            return;
        }
        if (screen.get() == Screen.START && start.busy.get()) {
            start.showError(switch (reason) {
                case UNREACHABLE -> Texts.get("error.unreachable", address.display());
                case NOT_CONFAB -> Texts.get("error.notConfab", address.display());
                case UNTRUSTED_CERTIFICATE -> Texts.get("error.untrustedCertificate", address.display());
                case FORBIDDEN -> Texts.get("error.forbidden");
                default -> Texts.get("error.lost", address.display());
            });
            closeSession();
        }
    }

    private boolean validName() {
        String name = start.displayNameProperty().get().strip();
        try {
            Username.of(name);
            start.error.set("");
            return true;
        } catch (ProtocolViolation e) {
            start.showError(Texts.get("error.badName"));
            return false;
        }
    }

    private void busy(String text) {
        start.error.set("");
        start.busyText.set(text);
        start.busy.set(true);
    }

    static String authProblem(ErrorCode code) {
        return switch (code) {
            case AUTH_FAILED -> Texts.get("auth.auth_failed");
            case USERNAME_TAKEN -> Texts.get("auth.username_taken");
            case INVALID_USERNAME -> Texts.get("auth.invalid_username");
            case WEAK_PASSWORD -> Texts.get("auth.weak_password");
            case REGISTRATION_CLOSED -> Texts.get("auth.registration_closed");
            case GUESTS_NOT_ALLOWED -> Texts.get("auth.guests_not_allowed");
            case RATE_LIMITED -> Texts.get("problem.rateLimited");
            default -> Texts.get("auth.other");
        };
    }

    /** A valid username from the OS user name: "Dana Smith" becomes "Dana_Smith". */
    static String suggestName(String osUser) {
        String cleaned = osUser.strip().replaceAll("[^A-Za-z0-9_.-]+", "_").replaceAll("^_+|_+$", "");
        if (cleaned.length() > 32) {
            cleaned = cleaned.substring(0, 32);
        }
        return cleaned.length() < 2 ? "" : cleaned;
    }
}
