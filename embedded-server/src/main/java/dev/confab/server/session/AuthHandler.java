package dev.confab.server.session;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.CloseCode;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ProtocolViolation;
import dev.confab.protocol.ServerFrame;
import dev.confab.protocol.Username;
import dev.confab.server.auth.AuthResult;
import dev.confab.server.auth.Identity;
import dev.confab.server.auth.IssuedToken;
import dev.confab.server.net.RequestTarget;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signing in: a token at the handshake, or {@code hello} then {@code register} / {@code login}. */
final class AuthHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AuthHandler.class);

    private final ChatContext ctx;
    private final RoomHandler rooms;

    AuthHandler(ChatContext ctx, RoomHandler rooms) {
        this.ctx = ctx;
        this.rooms = rooms;
    }

    /** The first step on a new connection: check its token, or greet it. */
    void opened(Session session) {
        String token = session.target().token();
        if (token == null) {
            var config = ctx.config();
            session.reply(new ServerFrame.Hello(ctx.now(), new ServerFrame.HelloData(ctx.serverInfo(),
                    1, config.registration(), config.guests())));
            return;
        }
        AuthResult result = token.length() > RequestTarget.MAX_TOKEN_LENGTH
                ? new AuthResult.Failure(ErrorCode.AUTH_FAILED, "token too long")
                : ctx.authenticator().verify(token);
        switch (result) {
            case AuthResult.Success success -> admit(session, success, null, false, true);
            case AuthResult.Failure failure -> {
                LOG.info("Connection #{} from {} refused: invalid token", session.id(), session.remoteAddress());
                session.close(CloseCode.AUTH_FAILED, "invalid or expired token");
            }
        }
    }

    void register(Session session, ClientFrame.Register frame) {
        if (session.signedIn()) {
            alreadySignedIn(session, frame.id());
        } else if (!ctx.config().registration()) {
            failed(session, frame.id(), ErrorCode.REGISTRATION_CLOSED, "This server does not accept new accounts.");
        } else if (heldByOnlineGuest(frame.data().username())) {
            failed(session, frame.id(), ErrorCode.USERNAME_TAKEN, "That name is in use; pick another one.");
        } else {
            String password = frame.data().password();
            handle(session, frame.id(), ctx.authenticator().register(frame.data().username(),
                    password == null ? "" : password), false);
        }
    }

    void login(Session session, ClientFrame.Login frame) {
        String password = frame.data().password();
        if (session.signedIn()) {
            alreadySignedIn(session, frame.id());
        } else if (password == null && !ctx.config().guests()) {
            failed(session, frame.id(), ErrorCode.GUESTS_NOT_ALLOWED, "This server needs an account; sign in.");
        } else if (password == null) {
            handle(session, frame.id(), ctx.authenticator().guest(frame.data().username()), true);
        } else {
            handle(session, frame.id(),
                    ctx.authenticator().login(frame.data().username(), password, session.remoteAddress()), false);
        }
    }

    /** {@code change_password}: a new token for this connection; every other connection of the account is cut. */
    void changePassword(Session session, Identity who, ClientFrame.ChangePassword frame) {
        AuthResult result = ctx.authenticator().changePassword(who, frame.data().currentPassword(),
                frame.data().newPassword(), session.remoteAddress());
        switch (result) {
            case AuthResult.Success success -> {
                session.renewed(ctx.authenticator().acceptedUntil(success.token()));
                session.reply(new ServerFrame.PasswordChanged(frame.id(), ctx.now(),
                        new ServerFrame.RenewedToken(success.token().token(), success.token().expiresAt())));
                closeOtherConnections(session, who, "password changed");
            }
            case AuthResult.Failure failure -> session.error(null, frame.id(), failure.code(), failure.message());
        }
    }

    /** {@code logout}: revokes the account's tokens, answers, closes this connection and cuts the others. */
    void logout(Session session, Identity who, ClientFrame.Logout frame) {
        ctx.authenticator().revokeTokens(who);
        session.reply(new ServerFrame.LoggedOut(frame.id(), ctx.now()));
        session.close(CloseCode.NORMAL, "signed out");
        if (!who.guest()) {
            closeOtherConnections(session, who, "signed out");
        }
    }

    /**
     * Closes the user's other connections on this node with 4401: their tokens no longer work, so they must sign in
     * again. (Connections on other nodes of a cluster keep going until they reconnect, when their token is refused.)
     */
    private void closeOtherConnections(Session session, Identity who, String reason) {
        for (Session other : ctx.presence().connectionsOf(who.userId())) {
            if (other != session) {
                LOG.info("Connection #{} of {} closed: {}", other.id(), who.username(), reason);
                other.close(CloseCode.AUTH_FAILED, reason + "; sign in again");
            }
        }
    }

    private boolean heldByOnlineGuest(String username) {
        try {
            Username name = Username.of(username);
            return ctx.presence().nameOnline(name)
                    || ctx.hub().shared().connectionsElsewhere(Identity.guestUserId(name)) > 0;
        } catch (ProtocolViolation e) {
            return false; // the authenticator answers invalid_username
        }
    }

    private void handle(Session session, @Nullable String requestId, AuthResult result, boolean freshGuest) {
        switch (result) {
            case AuthResult.Success success -> admit(session, success, requestId, freshGuest, false);
            case AuthResult.Failure failure -> failed(session, requestId, failure.code(), failure.message());
        }
    }

    private void admit(Session session, AuthResult.Success success, @Nullable String requestId, boolean freshGuest,
                       boolean atHandshake) {
        Identity who = success.identity();
        if (ctx.config().isBanned(who.username())) {
            LOG.info("Connection #{} refused: {} is banned", session.id(), who.username());
            session.close(CloseCode.FORBIDDEN, "not allowed on this server");
            return;
        }
        int elsewhere = ctx.hub().shared().connectionsElsewhere(who.userId());
        switch (ctx.presence().admit(session, who, freshGuest, elsewhere)) {
            case ADMITTED -> {
                ctx.hub().shared().connectionsHere(who.userId(), ctx.presence().connectionCount(who.userId()));
                connected(session, who, success.token(), requestId);
            }
            case NAME_TAKEN -> {
                if (atHandshake) {
                    // A token for a name that another user holds online now: nothing to retry on this connection.
                    session.close(CloseCode.AUTH_FAILED, "that name is in use");
                } else {
                    failed(session, requestId, ErrorCode.USERNAME_TAKEN, "That name is in use; pick another one.");
                }
            }
            case TOO_MANY_CONNECTIONS -> {
                LOG.info("Connection #{} of {} refused: too many connections", session.id(), who.username());
                session.close(CloseCode.TOO_MANY_CONNECTIONS,
                        "at most " + ctx.config().limits().maxConnectionsPerUser() + " connections per user");
            }
        }
    }

    private void connected(Session session, Identity who, IssuedToken token, @Nullable String requestId) {
        session.signedIn(who, ctx.authenticator().acceptedUntil(token));
        // DEBUG: one INFO line per sign-in went through the synchronous console appender on every connect (15 % of
        // a guest login's samples in the S5 profile); refusals and failures are still logged at INFO.
        LOG.debug("Connection #{} signed in as {}{}", session.id(), who.username(), who.guest() ? " (guest)" : "");
        session.reply(new ServerFrame.Connected(requestId, ctx.now(), new ServerFrame.Session(who.userId(),
                who.username().value(), token.token(), token.expiresAt(), who.guest(), ctx.serverInfo())));
        var room = session.target().autoJoin();
        if (room != null) {
            rooms.join(session, who, new ClientFrame.JoinRoom(null, room, null));
        }
    }

    private void failed(Session session, @Nullable String requestId, ErrorCode code, String message) {
        session.error(null, requestId, code, message);
        int failures = session.failedSignIn();
        if (failures >= ctx.config().limits().maxLoginAttempts()) {
            LOG.info("Connection #{} from {} closed after {} failed sign-ins", session.id(), session.remoteAddress(),
                    failures);
            session.close(CloseCode.AUTH_FAILED, "too many failed sign-in attempts");
        }
    }

    private void alreadySignedIn(Session session, @Nullable String requestId) {
        session.error(null, requestId, ErrorCode.INVALID_MESSAGE, "This connection is already signed in.");
    }
}
