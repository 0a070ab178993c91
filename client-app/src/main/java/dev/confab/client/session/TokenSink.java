package dev.confab.client.session;

/** Where the session keeps the token that lets it reconnect without a password. */
public interface TokenSink {
    void store(String username, String token);

    void forget();
}
