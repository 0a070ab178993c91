package dev.confab.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket client that writes frames byte by byte, for frames no well-behaved library would send. It upgrades on
 * {@code /ws} over a plain socket, or over any socket it is given (a TLS one, say).
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = 0x1;
    public static final int CONTINUATION = 0x0;
    public static final int PING = 0x9;
    public static final int CLOSE = 0x8;
    /** What {@link #closeCode()} returns when the socket dropped before a close frame came. */
    public static final int RESET = -1;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects to the server on a plain socket and upgrades. */
    public static RawWebSocket open(TestServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.server().port()));
        socket.setSoTimeout(10_000);
        return upgrade(socket);
    }

    /** Upgrades on a connected socket and reads the server's hello. */
    public static RawWebSocket upgrade(Socket socket) throws IOException {
        RawWebSocket raw = upgrade(socket, "/ws");
        assertThat(raw.nextText()).contains("\"type\":\"hello\"");
        return raw;
    }

    /**
     * Connects to a loopback port and upgrades on {@code pathAndQuery} (say {@code /ws?token=...}), reading nothing
     * after the upgrade: the caller reads the server's first frame. Cheap enough to open hundreds at once, each on
     * a virtual thread.
     */
    public static RawWebSocket open(int port, String pathAndQuery) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(30_000);
        return upgrade(socket, pathAndQuery);
    }

    private static RawWebSocket upgrade(Socket socket, String pathAndQuery) throws IOException {
        RawWebSocket raw = new RawWebSocket(socket);
        raw.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) raw.in.readUnsignedByte());
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return raw;
    }

    /** One final, masked text frame (under 64 KiB). */
    public void sendText(String text) throws IOException {
        write(maskedTextFrame(text.getBytes(StandardCharsets.UTF_8)));
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A masked frame (zero mask: the payload goes as it is) with a 7- or 16-bit length. */
    public void frame(boolean fin, int opcode, int rsv, byte[] payload) throws IOException {
        write(encode(fin, opcode, rsv, payload));
    }

    /** The bytes of a final, masked text frame, for tests that write many frames at once. */
    public static byte[] maskedTextFrame(byte[] payload) {
        return encode(true, TEXT, 0, payload);
    }

    private static byte[] encode(boolean fin, int opcode, int rsv, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | rsv | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        }
        frame.writeBytes(new byte[4]);
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    /** The server's text frames up to its close frame, and that frame's code. */
    public record UpToClose(List<String> texts, int closeCode) {
    }

    /** Reads text frames up to the server's close frame; the code is {@link #RESET} if the socket dropped first. */
    public UpToClose textsUpToClose() throws IOException {
        List<String> texts = new ArrayList<>();
        try {
            while (true) {
                int first = in.readUnsignedByte();
                byte[] payload = payload();
                switch (first & 0x0F) {
                    case TEXT -> texts.add(new String(payload, StandardCharsets.UTF_8));
                    case CLOSE -> {
                        return new UpToClose(texts, payload.length >= 2
                                ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005);
                    }
                    default -> {
                    }
                }
            }
        } catch (SocketException | EOFException dropped) {
            return new UpToClose(texts, RESET);
        }
    }

    /**
     * Only the header of a masked text frame that declares {@code length} payload bytes, none of which follow: the
     * server can refuse it on its length alone, with everything this client sent read.
     */
    public void frameHeaderDeclaring(long length) throws IOException {
        byte[] header = new byte[14];
        header[0] = (byte) 0x81;
        header[1] = (byte) 0xFF;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (length >>> (56 - 8 * i));
        }
        write(header); // the last four bytes, the mask, stay zero
    }

    /** The payload of the next text frame from the server. */
    public String nextText() throws IOException {
        while (true) {
            int first = in.readUnsignedByte();
            byte[] payload = payload();
            if ((first & 0x0F) == TEXT) {
                return new String(payload, StandardCharsets.UTF_8);
            }
        }
    }

    /** Skips frames up to the server's close frame and returns its code; {@link #RESET} if the socket dropped. */
    public int closeCode() throws IOException {
        try {
            while (true) {
                int first = in.readUnsignedByte();
                byte[] payload = payload();
                if ((first & 0x0F) == 0x8) {
                    return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                }
            }
        } catch (SocketException | EOFException dropped) {
            return RESET;
        }
    }

    private byte[] payload() throws IOException {
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return payload;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
