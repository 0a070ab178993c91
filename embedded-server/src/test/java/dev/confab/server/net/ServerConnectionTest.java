package dev.confab.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Role;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.TextFrame;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerConnection} queues what the library would queue, in the same order, and tells the server each time,
 * without the string per frame that the library builds for its trace message.
 */
class ServerConnectionTest {
    private static final int FRAMES = 20_000;
    /** Under the 1,000 bytes past which the library's trace message skips the string. */
    private static final int PAYLOAD_BYTES = 900;

    private final SocketlessPeer peer = new SocketlessPeer();

    @Test
    void queuesEachFrameAsTheLibraryFramesItAndAsksForAWriteEachTime() {
        WebSocketImpl connection = upgraded(new ServerConnection(peer, serverDrafts()));
        SharedTextFrame shared = SharedTextFrame.of("{\"type\":\"message\",\"content\":\"héllo\"}");

        connection.sendFrame(shared);
        connection.send("{\"type\":\"pong\"}");
        connection.sendFrame(shared);

        assertThat(new ArrayList<>(connection.outQueue)).containsExactly(libraryFrame(shared.getPayloadData()),
                libraryFrame(ByteBuffer.wrap("{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8))),
                libraryFrame(shared.getPayloadData()));
        assertThat(peer.writeDemands).hasValue(3);
        assertThat(peer.errors).isEmpty();
    }

    @Test
    void refusesToSendBeforeTheUpgrade() {
        ServerConnection connection = new ServerConnection(peer, new Draft_6455());

        assertThatThrownBy(() -> connection.sendFrame(SharedTextFrame.of("x")))
                .isInstanceOf(WebsocketNotConnectedException.class);
        assertThatThrownBy(() -> connection.send("x")).isInstanceOf(WebsocketNotConnectedException.class);
        assertThat(connection.outQueue).isEmpty();
    }

    @Test
    void queuesASharedFrameWithoutAStringPerFrame() {
        SharedTextFrame shared = SharedTextFrame.of("y".repeat(PAYLOAD_BYTES));

        long library = bytesAllocatedQueueing(upgraded(new WebSocketImpl(peer, serverDrafts())), shared);
        long ours = bytesAllocatedQueueing(upgraded(new ServerConnection(peer, serverDrafts())), shared);

        // The library decodes the frame's backing array into a string per frame (about twice its size as UTF-16).
        // When this fails, a new version no longer does, and ServerConnection can go.
        assertThat(library).isGreaterThan((long) FRAMES * PAYLOAD_BYTES);
        // A queue node and a view of the shared bytes per frame, and no string.
        assertThat(ours).isLessThan((long) FRAMES * PAYLOAD_BYTES / 4);
    }

    private static long bytesAllocatedQueueing(WebSocketImpl connection, SharedTextFrame frame) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < FRAMES; i++) {
            connection.sendFrame(frame);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(connection.outQueue).hasSize(FRAMES);
        return allocated;
    }

    /** The server's draft, as the server configures it (it frames a shared frame without copying it). */
    private static List<Draft> serverDrafts() {
        return List.of(new BoundedDraft(1 << 16, 1 << 16));
    }

    /** The connection after the server side of an upgrade, with the upgrade's response taken out of its queue. */
    private WebSocketImpl upgraded(WebSocketImpl connection) {
        connection.decode(ByteBuffer.wrap(SocketlessPeer.UPGRADE));
        assertThat(connection.isOpen()).isTrue();
        connection.outQueue.clear();
        peer.writeDemands.set(0);
        return connection;
    }

    private static ByteBuffer libraryFrame(ByteBuffer payload) {
        TextFrame frame = new TextFrame();
        frame.setPayload(payload);
        Draft_6455 draft = new Draft_6455();
        draft.setParseMode(Role.SERVER);
        return draft.createBinaryFrame(frame);
    }
}
