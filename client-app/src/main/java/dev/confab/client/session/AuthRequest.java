package dev.confab.client.session;

import dev.confab.protocol.ClientFrame;

/** How the user chose to sign in on a server that sent {@code hello}. */
public sealed interface AuthRequest {
    String username();

    /** The frame that carries this request. */
    ClientFrame frame(String requestId);

    /** A guest nickname, no password. */
    record Guest(String username) implements AuthRequest {
        @Override
        public ClientFrame frame(String requestId) {
            return new ClientFrame.Login(requestId, new ClientFrame.Credentials(username, null));
        }
    }

    /** An existing account. */
    record SignIn(String username, String password) implements AuthRequest {
        @Override
        public ClientFrame frame(String requestId) {
            return new ClientFrame.Login(requestId, new ClientFrame.Credentials(username, password));
        }

        @Override
        public String toString() {
            return "SignIn[username=" + username + ", password=***]";
        }
    }

    /** A new account. */
    record CreateAccount(String username, String password) implements AuthRequest {
        @Override
        public ClientFrame frame(String requestId) {
            return new ClientFrame.Register(requestId, new ClientFrame.Credentials(username, password));
        }

        @Override
        public String toString() {
            return "CreateAccount[username=" + username + ", password=***]";
        }
    }
}
