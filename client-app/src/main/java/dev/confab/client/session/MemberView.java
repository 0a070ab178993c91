package dev.confab.client.session;

/** A room member and whether they are online now. */
public record MemberView(String username, boolean online) {
}
