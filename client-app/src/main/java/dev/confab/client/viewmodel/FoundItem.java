package dev.confab.client.viewmodel;

/**
 * A server found on the local network, as the join card lists it.
 *
 * @param name    the server's name ("Dana's room")
 * @param address {@code host:port} to show (and what joining types)
 * @param detail  "3 online · guests welcome"
 */
public record FoundItem(String name, String address, String detail) {
    /** What a screen reader says for the row. */
    public String accessibleText() {
        return Texts.get("start.found.accessible", name, address, detail);
    }
}
