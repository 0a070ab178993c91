package dev.confab.server.testing;

import dev.confab.protocol.ErrorCode;
import dev.confab.server.session.ChatObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The server's own record of how its connections closed: the code it closed or cut each one with. */
public final class CloseRecorder implements ChatObserver {
    private final List<Integer> codes = new CopyOnWriteArrayList<>();

    /** Close codes in the order the connections closed. */
    public List<Integer> codes() {
        return List.copyOf(codes);
    }

    @Override
    public void connectionClosed(Duration open, int closeCode) {
        codes.add(closeCode);
    }

    @Override
    public void errorSent(ErrorCode code) {
    }

    @Override
    public void messageDelivered(int connections) {
    }
}
