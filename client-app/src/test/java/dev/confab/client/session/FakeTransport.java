package dev.confab.client.session;

import dev.confab.client.net.Transport;
import dev.confab.protocol.ClientFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a session sends; "open" says whether sends succeed. */
final class FakeTransport implements Transport {
    final List<ClientFrame> sent = new CopyOnWriteArrayList<>();
    volatile boolean open = true;
    volatile boolean autoReconnect;
    volatile String token = "";
    volatile int connects;
    volatile boolean closed;

    @Override
    public boolean send(ClientFrame frame) {
        if (!open) {
            return false;
        }
        sent.add(frame);
        return true;
    }

    @Override
    public void connectNow() {
        connects++;
    }

    @Override
    public void autoReconnect(boolean enabled) {
        autoReconnect = enabled;
    }

    @Override
    public void token(String value) {
        token = value;
    }

    @Override
    public void close() {
        closed = true;
    }

    <T extends ClientFrame> List<T> sentOf(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
