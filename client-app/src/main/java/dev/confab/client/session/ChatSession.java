package dev.confab.client.session;

import dev.confab.client.net.ConnectionListener;
import dev.confab.client.net.DropReason;
import dev.confab.client.net.Transport;
import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.ProtocolError;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's view of one server. Frames come in from the connection's thread, commands from the UI thread;
 * every method holds the session's lock, and changes leave as {@link SessionEvent}s to one listener.
 *
 * <p>Every message the user writes goes to the durable {@link Outbox} before it is sent, and leaves the outbox
 * only when its echo (same client id) arrives. After a reconnect each room is re-joined with {@code since} set to
 * the highest seq held, and the outbox entries are sent again with their original client ids, which the server
 * deduplicates: nothing is lost, nothing doubles.
 *
 * <p>The session owns the connection's lifecycle (sign-in, joins, drops) and hands each server frame to the part
 * that keeps it: {@link PendingMessages}, {@link ReadTracker}, {@link HistoryPager}, {@link RoomMembers} and
 * {@link TypingIndicators}.
 */
public final class ChatSession implements ConnectionListener {
    private static final Logger LOG = LoggerFactory.getLogger(ChatSession.class);
    private static final RoomName DEFAULT_ROOM = RoomName.of("general");
    private static final String AUTH_ID = "auth";

    private final Transport transport;
    private final PendingMessages pending;
    private final ReadTracker reads;
    private final HistoryPager history;
    private final RoomMembers members;
    private final TypingIndicators typing;
    private final TokenSink tokens;
    private final SessionListener listener;
    private final SessionConfig config;
    private final ScheduledExecutorService timers;
    private final Map<RoomName, RoomState> rooms = new LinkedHashMap<>();

    private @Nullable String me;
    private @Nullable AuthRequest auth;
    private ServerFrame.@Nullable HelloData hello;
    private @Nullable RoomName active;
    private boolean online;
    private boolean autoReconnect;
    private boolean resendScheduled;
    private boolean signedOut;
    /** An attempt to connect has started and its hello has not come yet: a sign-in now waits for that hello. */
    private boolean awaitingHello;
    private final AccountRequests accountRequests = new AccountRequests();

    private ChatSession(Transport transport, Outbox outbox, TokenSink tokens, ReadMarks marks,
                        SessionListener listener, Clock clock, SessionConfig config, ScheduledExecutorService timers) {
        this.transport = transport;
        this.pending = new PendingMessages(transport, outbox, clock);
        this.tokens = tokens;
        this.reads = new ReadTracker(marks);
        this.history = new HistoryPager(transport, pending, config.historyPage());
        this.members = new RoomMembers(listener);
        this.typing = new TypingIndicators(transport, listener, clock, config, timers, this);
        this.listener = listener;
        this.config = config;
        this.timers = timers;
    }

    /**
     * A session over {@code transport}. {@code knownUser} is who the stored token belongs to (empty when there is
     * none), so the outbox of that user shows at once; {@code rooms} are the rooms to (re)join once signed in;
     * {@code marks} says how far the user had read in them.
     */
    public static ChatSession create(Transport transport, Outbox outbox, TokenSink tokens, ReadMarks marks,
                                     SessionListener listener, Clock clock, SessionConfig config,
                                     ScheduledExecutorService timers, String knownUser, List<RoomName> rooms) {
        ChatSession session = new ChatSession(transport, outbox, tokens, marks, listener, clock, config, timers);
        synchronized (session) {
            rooms.forEach(session::room);
            if (!knownUser.isEmpty()) {
                session.me = knownUser;
                session.restoreOutbox();
            }
        }
        return session;
    }

    // ---- commands (UI thread) ----

    /** Starts connecting. */
    public synchronized void start() {
        listener.onEvent(new SessionEvent.StatusChanged(new SessionStatus.Connecting()));
        transport.connectNow();
    }

    /** Keeps reconnecting after drops even before the first sign-in (used when resuming with a stored token). */
    public synchronized void resume() {
        autoReconnect = true;
        transport.autoReconnect(true);
        start();
    }

    /** Signs in as asked; answered by {@code SignedIn} or {@code SignInNeeded} with the problem. */
    public synchronized void signIn(AuthRequest request) {
        auth = request;
        if (hello == null && awaitingHello) {
            // onHello sends it. Connecting again would replace a connection that is about to say hello.
            return;
        }
        if (hello == null || !transport.send(request.frame(AUTH_ID))) {
            transport.connectNow();
        }
    }

    public synchronized void retryNow() {
        listener.onEvent(new SessionEvent.StatusChanged(new SessionStatus.Connecting()));
        transport.connectNow();
    }

    public synchronized void join(RoomName room) {
        RoomState state = room(room);
        emitRooms();
        if (online && !state.joined) {
            sendJoin(state);
        }
    }

    public synchronized void leave(RoomName room) {
        if (rooms.remove(room) != null) {
            members.forget(room);
            typing.forget(room);
            transport.send(new ClientFrame.LeaveRoom(null, room));
            if (room.equals(active)) {
                active = null;
            }
            emitRooms();
        }
    }

    /** The room the user is looking at: its unread count clears and stays clear while it is shown. */
    public synchronized void focus(@Nullable RoomName room) {
        active = room;
        if (room != null) {
            RoomState state = rooms.get(room);
            if (state != null) {
                reads.markRead(me, state, active);
                if (state.unread > 0 || state.mentioned) {
                    state.unread = 0;
                    state.mentioned = false;
                    emitRooms();
                }
            }
        }
    }

    /**
     * Writes a message: first to the outbox (durable), then to the wire if it is up. Returns its client id.
     *
     * @throws java.io.UncheckedIOException when the outbox cannot store it; then it is neither shown nor sent,
     *     and the caller still holds the only copy of the text
     */
    public synchronized String send(RoomName room, String text, @Nullable Long replyTo) {
        RoomState state = room(room);
        OutboxEntry entry = pending.write(state, me, text, replyTo);
        emitTimeline(state);
        if (online && state.joined) {
            pending.transmit(entry);
        }
        return entry.clientId();
    }

    /** Sends a failed message again, with the same client id. */
    public synchronized void retry(RoomName room, String clientId) {
        RoomState state = rooms.get(room);
        if (state == null || !state.hasPending(clientId)) {
            return;
        }
        state.markPending(clientId, Delivery.PENDING);
        emitTimeline(state);
        if (online && state.joined) {
            pending.resend(clientId);
        }
    }

    public synchronized void edit(RoomName room, long seq, String text) {
        transport.send(new ClientFrame.EditMessage(null, room, new ClientFrame.Edit(seq, MessageContent.of(text))));
    }

    public synchronized void delete(RoomName room, long seq) {
        transport.send(new ClientFrame.DeleteMessage(null, room, new ClientFrame.SeqRef(seq)));
    }

    /** Tells the room the user is typing, at most once per throttle interval. */
    public synchronized void typing(RoomName room) {
        typing.ownTyping(room, online);
    }

    /** Loads the page before the oldest message held, if there is one and no load is under way. */
    public synchronized void loadOlder(RoomName room) {
        RoomState state = rooms.get(room);
        if (state != null) {
            history.loadOlder(state, online);
        }
    }

    public synchronized void listRooms() {
        transport.send(new ClientFrame.ListRooms(null));
    }

    /**
     * Changes the account's password; on success the new token replaces the stored one (the server cuts this
     * account's other connections). Completes with the server's answer, or a refusal when not connected.
     */
    public synchronized CompletableFuture<AccountOutcome> changePassword(String currentPassword,
                                                                        String newPassword) {
        CompletableFuture<AccountOutcome> outcome = new CompletableFuture<>();
        String id = accountRequests.open(outcome);
        if (!online || !transport.send(new ClientFrame.ChangePassword(id,
                new ClientFrame.PasswordChange(currentPassword, newPassword)))) {
            accountRequests.lost();
        }
        return outcome;
    }

    /**
     * Signs out: the server revokes the account's tokens, the stored token is forgotten, and once the server closes
     * the connection the session reconnects without a token and asks to sign in ({@code SignInNeeded}).
     */
    public synchronized CompletableFuture<AccountOutcome> logout() {
        CompletableFuture<AccountOutcome> outcome = new CompletableFuture<>();
        String id = accountRequests.open(outcome);
        if (!online || !transport.send(new ClientFrame.Logout(id))) {
            accountRequests.lost();
        }
        return outcome;
    }

    public synchronized @Nullable String username() {
        return me;
    }

    public void close() {
        reads.flush();
        transport.close();
    }

    // ---- connection callbacks (network threads) ----

    @Override
    public void onOpen() {
        LOG.debug("Socket open");
    }

    @Override
    public synchronized void onConnecting(int attempt) {
        awaitingHello = true;
        listener.onEvent(new SessionEvent.StatusChanged(new SessionStatus.Connecting()));
    }

    @Override
    public synchronized void onRetryScheduled(Instant at, int attempt) {
        listener.onEvent(new SessionEvent.StatusChanged(new SessionStatus.Reconnecting(at)));
    }

    @Override
    public synchronized void onDropped(DropReason reason) {
        boolean wasOnline = online;
        online = false;
        hello = null;
        awaitingHello = false;
        accountRequests.lost();
        rooms.values().forEach(r -> {
            r.joined = false;
            history.dropped(r);
            typing.clear(r.room);
        });
        if (reason == DropReason.AUTH_REJECTED) {
            tokens.forget();
            transport.token("");
            transport.autoReconnect(false);
            autoReconnect = false;
        }
        if (wasOnline) {
            LOG.info("Went offline: {}", reason);
        }
        if (!reason.retryable() || !autoReconnect) {
            listener.onEvent(new SessionEvent.StatusChanged(new SessionStatus.Offline(reason)));
        }
        if (reason == DropReason.AUTH_REJECTED || signedOut) {
            // Once more without the token, to learn from the server's hello how one may sign in.
            signedOut = false;
            transport.connectNow();
        }
    }

    @Override
    public void onUndecodable(ProtocolError error) {
        // Already logged by the connection; one bad frame does not end the session.
    }

    @Override
    public synchronized void onFrame(ServerFrame frame) {
        switch (frame) {
            case ServerFrame.Hello h -> onHello(h);
            case ServerFrame.Connected c -> onConnected(c);
            case ServerFrame.JoinedRoom j -> onJoined(j);
            case ServerFrame.LeftRoom l -> LOG.debug("Left {}", l.room());
            case ServerFrame.UserJoined u -> onPresence(u.room(), u.data().username(), true);
            case ServerFrame.UserLeft u -> onPresence(u.room(), u.data().username(), false);
            case ServerFrame.Message m -> onMessage(m);
            case ServerFrame.MessageEdited e -> onEdited(e);
            case ServerFrame.MessageDeleted d -> onDeleted(d);
            case ServerFrame.History h -> onHistory(h);
            case ServerFrame.Typing t -> onTyping(t);
            case ServerFrame.UserList u -> onUserList(u);
            case ServerFrame.RoomList r -> listener.onEvent(new SessionEvent.Directory(r.data().rooms()));
            case ServerFrame.Pong p -> LOG.trace("pong");
            case ServerFrame.PasswordChanged p -> onPasswordChanged(p);
            case ServerFrame.LoggedOut l -> onLoggedOut(l);
            case ServerFrame.ErrorFrame e -> onError(e);
        }
    }

    private void onPasswordChanged(ServerFrame.PasswordChanged frame) {
        transport.token(frame.data().token());
        if (me != null) {
            tokens.store(me, frame.data().token());
        }
        accountRequests.done(frame.replyTo() == null ? "" : frame.replyTo());
    }

    private void onLoggedOut(ServerFrame.LoggedOut frame) {
        // The server closes the connection next; what follows is a fresh connection without credentials.
        signedOut = true;
        auth = null;
        tokens.forget();
        transport.token("");
        transport.autoReconnect(false);
        autoReconnect = false;
        accountRequests.done(frame.replyTo() == null ? "" : frame.replyTo());
    }

    private void onHello(ServerFrame.Hello frame) {
        hello = frame.data();
        awaitingHello = false;
        if (auth != null) {
            transport.send(auth.frame(AUTH_ID));
        } else {
            listener.onEvent(new SessionEvent.SignInNeeded(frame.data(), null));
        }
    }

    private void onConnected(ServerFrame.Connected frame) {
        ServerFrame.Session data = frame.data();
        boolean firstTime = me == null || !me.equalsIgnoreCase(data.username());
        me = data.username();
        online = true;
        transport.token(data.token());
        autoReconnect = true;
        transport.autoReconnect(true);
        tokens.store(data.username(), data.token());
        if (firstTime) {
            restoreOutbox();
        }
        listener.onEvent(new SessionEvent.SignedIn(data.username(), data.guest(), data.server().name()));
        listener.onEvent(new SessionEvent.StatusChanged(new SessionStatus.Online()));
        if (rooms.isEmpty()) {
            room(DEFAULT_ROOM);
        }
        emitRooms();
        rooms.values().forEach(this::sendJoin);
    }

    private void onJoined(ServerFrame.JoinedRoom frame) {
        RoomState state = room(frame.room());
        ServerFrame.Joined data = frame.data();
        boolean newEpoch = reads.epochChanged(me, state, data);
        // A new epoch: nothing counts as unread. A catch-up cut short (at most 500 replayed): the rest does.
        boolean countChanged = reads.joined(me, state, data, active);
        if (newEpoch) {
            LOG.info("Room {} has a new history epoch; reloading", state.room);
            state.dropHistory();
        }
        if (countChanged) {
            emitRooms();
        }
        state.epoch = data.epoch();
        state.lastSeq = data.lastSeq();
        state.joined = true;
        data.members().forEach(m -> members.presence(state.room, m.username(), true));
        history.afterJoin(state, data.hasMore());
        transport.send(new ClientFrame.UserList(null, state.room));
        members.announce(state.room);
        reads.markRead(me, state, active);
        emitTimeline(state);
        pending.sendWaiting(state, me);
    }

    private void onMessage(ServerFrame.Message frame) {
        RoomState state = rooms.get(frame.room());
        if (state == null) {
            return;
        }
        String clientId = frame.data().clientId();
        boolean own = me != null && me.equalsIgnoreCase(frame.data().username());
        boolean isNew = state.putStored(frame, me);
        if (own && clientId != null) {
            pending.delivered(clientId);
        }
        if (frame.data().username() != null) {
            typing.messageFrom(state.room, frame.data().username());
        }
        // Before the room's joined_room, a message is the catch-up of a join with since: counted, not notified
        // (after a night away that could be hundreds of notifications).
        boolean replayed = !state.joined;
        long seq = frame.data().seq();
        state.lastSeq = Math.max(state.lastSeq, seq);
        if (isNew && !own && !frame.data().wasDeleted() && reads.unreadSeq(me, state, seq)) {
            ChatLine line = state.line(seq);
            boolean mention = line != null && mentionsMe(line.content());
            if (reads.countNew(state, mention, active)) {
                emitRooms();
            }
            if (line != null && !replayed) {
                listener.onEvent(new SessionEvent.MessageArrived(line, mention));
            }
        }
        reads.markRead(me, state, active);
        emitTimeline(state);
    }

    private void onEdited(ServerFrame.MessageEdited frame) {
        RoomState state = rooms.get(frame.room());
        if (state != null) {
            state.edit(frame.data().seq(), frame.data().content());
            emitTimeline(state);
        }
    }

    private void onDeleted(ServerFrame.MessageDeleted frame) {
        RoomState state = rooms.get(frame.room());
        if (state != null) {
            state.delete(frame.data().seq());
            emitTimeline(state);
        }
    }

    private void onHistory(ServerFrame.History frame) {
        RoomState state = rooms.get(frame.room());
        if (state == null) {
            return;
        }
        history.merge(state, frame.data(), me);
        reads.markRead(me, state, active);
        emitTimeline(state);
    }

    private void onTyping(ServerFrame.Typing frame) {
        String who = frame.data().username();
        // Our own typing comes back from the server too; "you are typing" is no news.
        if (rooms.containsKey(frame.room()) && !who.equalsIgnoreCase(me == null ? "" : me)) {
            typing.someoneTyping(frame.room(), who);
        }
    }

    private void onPresence(RoomName room, String username, boolean online) {
        if (rooms.containsKey(room)) {
            members.presence(room, username, online);
            if (!online) {
                typing.wentAway(room, username);
            }
            members.announce(room);
            typing.announce(room);
        }
    }

    private void onUserList(ServerFrame.UserList frame) {
        if (rooms.containsKey(frame.room())) {
            members.replace(frame.room(),
                    frame.data().users().stream().map(p -> new MemberView(p.username(), p.online())).toList());
            members.announce(frame.room());
        }
    }

    private void onError(ServerFrame.ErrorFrame frame) {
        ErrorCode code = frame.data().code();
        String replyTo = frame.replyTo() == null ? "" : frame.replyTo();
        LOG.info("Server error {} ({}) for request '{}'", code.wireName(), frame.data().error(), replyTo);
        if (accountRequests.owns(replyTo)) {
            accountRequests.refused(replyTo, code, frame.data().error());
            return;
        }
        if (AUTH_ID.equals(replyTo) && hello != null) {
            auth = null;
            listener.onEvent(new SessionEvent.SignInNeeded(hello, code));
            return;
        }
        if (code == ErrorCode.RATE_LIMITED) {
            // Too fast is not a refusal, and the server may not say which frame it dropped: every message still
            // pending goes again after a pause, with its client id, so the server stores each exactly once.
            if (!resendScheduled) {
                resendScheduled = true;
                timers.schedule(this::resendPending, config.rateLimitPause().toMillis(), TimeUnit.MILLISECONDS);
            }
            listener.onEvent(new SessionEvent.ServerProblem(frame.room(), code));
            return;
        }
        if (replyTo.startsWith(PendingMessages.SEND_PREFIX) && frame.room() != null) {
            RoomState state = rooms.get(frame.room());
            String clientId = replyTo.substring(PendingMessages.SEND_PREFIX.length());
            if (state != null) {
                state.markPending(clientId, Delivery.FAILED);
                emitTimeline(state);
            }
        }
        listener.onEvent(new SessionEvent.ServerProblem(frame.room(), code));
    }

    private synchronized void resendPending() {
        resendScheduled = false;
        if (!online) {
            return;
        }
        pending.resendAll(rooms::get, me);
    }

    // ---- helpers ----

    private RoomState room(RoomName room) {
        return rooms.computeIfAbsent(room, RoomState::new);
    }

    private void sendJoin(RoomState state) {
        Long since = state.highestSeq();
        if (since == null) {
            // Nothing held (a fresh start): catch up from the read mark, so what came in meanwhile counts as unread.
            since = reads.catchUpFrom(me, state);
            state.needsNewestPage = since != null;
        }
        transport.send(new ClientFrame.JoinRoom(null, state.room,
                since == null ? null : new ClientFrame.JoinOptions(since)));
    }

    private void restoreOutbox() {
        pending.restore(me, this::room);
        rooms.values().forEach(this::emitTimeline);
    }

    private boolean mentionsMe(String content) {
        if (me == null) {
            return false;
        }
        return Pattern.compile("(?<![\\w.-])@?" + Pattern.quote(me) + "(?![\\w-])", Pattern.CASE_INSENSITIVE)
                .matcher(content).find();
    }

    private void emitRooms() {
        listener.onEvent(new SessionEvent.RoomsChanged(rooms.values().stream().map(RoomState::view).toList()));
    }

    private void emitTimeline(RoomState state) {
        listener.onEvent(new SessionEvent.TimelineChanged(state.room, state.lines(), state.hasOlder));
    }
}
