package dev.confab.server.session;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.CloseCode;
import dev.confab.protocol.Decoded;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ProtocolError;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.auth.Identity;
import dev.confab.server.store.StoreException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes a client's frame and hands it to its one handler: an exhaustive switch over {@link ClientFrame}. */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ChatContext ctx;
    private final AuthHandler auth;
    private final RoomHandler rooms;
    private final MessageHandler messages;

    Dispatcher(ChatContext ctx, AuthHandler auth, RoomHandler rooms, MessageHandler messages) {
        this.ctx = ctx;
        this.auth = auth;
        this.rooms = rooms;
        this.messages = messages;
    }

    void onText(Session session, String text) {
        switch (ctx.codec().decodeClient(text)) {
            case Decoded.Ok<ClientFrame> ok -> dispatch(session, ok.frame());
            case Decoded.Failed<ClientFrame> failed -> {
                ProtocolError error = failed.error();
                session.error(null, error.requestId(), error.code(), error.message());
            }
        }
    }

    private void dispatch(Session session, ClientFrame frame) {
        try {
            switch (frame) {
                case ClientFrame.Register f -> auth.register(session, f);
                case ClientFrame.Login f -> auth.login(session, f);
                case ClientFrame.JoinRoom f -> roomChange(session, f, f.room(), rooms::join);
                case ClientFrame.LeaveRoom f -> roomChange(session, f, f.room(), rooms::leave);
                case ClientFrame.SendMessage f -> signedIn(session, f, messages::send);
                case ClientFrame.History f -> signedIn(session, f, messages::history);
                case ClientFrame.Typing f -> signedIn(session, f, rooms::typing);
                case ClientFrame.EditMessage f -> signedIn(session, f, messages::edit);
                case ClientFrame.DeleteMessage f -> signedIn(session, f, messages::delete);
                case ClientFrame.UserList f -> signedIn(session, f, rooms::userList);
                case ClientFrame.ListRooms f -> signedIn(session, f, rooms::listRooms);
                case ClientFrame.Ping f -> signedIn(session, f, this::pong);
                case ClientFrame.ChangePassword f -> signedIn(session, f, auth::changePassword);
                case ClientFrame.Logout f -> signedIn(session, f, auth::logout);
            }
        } catch (StoreException e) {
            if (!e.busy()) {
                LOG.warn("Storage failed for {} on {}: {}", session, frame.getClass().getSimpleName(), e.toString());
            }
            session.error(roomOf(frame), frame.id(), ErrorCode.INTERNAL_ERROR, e.busy()
                    ? "The server is busy; try again in a moment."
                    : "The server could not read or write its data; try again.");
        }
    }

    /** The room a frame names, so that an error about it can say which. */
    private static @Nullable RoomName roomOf(ClientFrame frame) {
        return switch (frame) {
            case ClientFrame.JoinRoom f -> f.room();
            case ClientFrame.LeaveRoom f -> f.room();
            case ClientFrame.SendMessage f -> f.room();
            case ClientFrame.History f -> f.room();
            case ClientFrame.Typing f -> f.room();
            case ClientFrame.EditMessage f -> f.room();
            case ClientFrame.DeleteMessage f -> f.room();
            case ClientFrame.UserList f -> f.room();
            case ClientFrame.Register f -> null;
            case ClientFrame.Login f -> null;
            case ClientFrame.ListRooms f -> null;
            case ClientFrame.Ping f -> null;
            case ClientFrame.ChangePassword f -> null;
            case ClientFrame.Logout f -> null;
        };
    }

    private void pong(Session session, Identity who, ClientFrame.Ping frame) {
        session.reply(new ServerFrame.Pong(frame.id(), ctx.now(), new ServerFrame.PongData(ctx.now())));
    }

    /** Joins and leaves cost presence broadcasts to every member: they have their own rate on top of the frames'. */
    private <F extends ClientFrame> void roomChange(Session session, F frame, RoomName room, Handler<F> handler) {
        if (!session.signedIn()) {
            signedIn(session, frame, handler);
            return;
        }
        switch (session.admitRoomChange()) {
            case ALLOWED -> signedIn(session, frame, handler);
            case REJECTED -> session.error(room, frame.id(), ErrorCode.RATE_LIMITED, "Too many joins and leaves; "
                    + "slow down (at most " + ctx.config().limits().joinsPerSecond() + " per second).");
            case ABUSIVE -> {
                LOG.info("{} kept joining and leaving rooms after being rate limited; closing it", session);
                session.close(CloseCode.RATE_LIMITED, "join and leave rate exceeded");
            }
        }
    }

    private <F extends ClientFrame> void signedIn(Session session, F frame, Handler<F> handler) {
        var who = session.identity();
        if (who.isPresent()) {
            handler.handle(session, who.get(), frame);
        } else {
            session.error(null, frame.id(), ErrorCode.AUTH_REQUIRED, "Sign in first: register or login.");
        }
    }

    @FunctionalInterface
    private interface Handler<F extends ClientFrame> {
        void handle(Session session, Identity who, F frame);
    }
}
