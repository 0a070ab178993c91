package dev.confab.server.net;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Role;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.IncompleteHandshakeException;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.HandshakeImpl1Client;
import org.java_websocket.handshake.HandshakeBuilder;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshakeBuilder;

/**
 * RFC 6455 with two bounds: each frame ({@code maxFrameSize}, checked by the library before it allocates the
 * declared length) and each message reassembled from continuation frames, which Java-WebSocket 1.6.0 does not
 * bound (TooTallNate/Java-WebSocket#1508). Both end the connection with 1009. No extensions are offered, so
 * permessage-deflate (which inflates without a cap in 1.6.0) is never negotiated.
 *
 * <p>The library copies the draft for every connection ({@link #copyInstance()}), so the byte count is per
 * connection; a connection's frames are processed by one thread at a time. That copy also frames what the
 * connection sends, so it counts those bytes into the connection's {@link OutputMeter}, and hands out a
 * {@link SharedTextFrame}'s bytes as they are instead of framing them again.
 *
 * <p>The upgrade response has the library's headers, the computed ones made by {@link UpgradeResponse}. The upgrade
 * request is read as the library reads it, without its regular expression per header line (see
 * {@link #translateHandshake}).
 */
public final class BoundedDraft extends Draft_6455 {
    private final int maxMessageBytes;
    private final OutputMeter meter = new OutputMeter();
    private long messageBytes;

    public BoundedDraft(int maxFrameBytes, int maxMessageBytes) {
        super(Collections.emptyList(), maxFrameBytes);
        if (maxMessageBytes < maxFrameBytes) {
            throw new IllegalArgumentException("a message must be allowed to be at least one frame");
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The largest message, counted across continuation frames. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** The output of the connection this copy serves. */
    OutputMeter meter() {
        return meter;
    }

    @Override
    public ByteBuffer createBinaryFrame(Framedata frame) {
        ByteBuffer bytes = frame instanceof SharedTextFrame shared && getRole() == Role.SERVER
                ? shared.framed() : super.createBinaryFrame(frame);
        meter.queued(bytes.remaining());
        return bytes;
    }

    @Override
    public List<ByteBuffer> createHandshake(Handshakedata handshake, boolean withContent) {
        List<ByteBuffer> bytes = super.createHandshake(handshake, withContent);
        meter.queued(bytes.stream().mapToLong(ByteBuffer::remaining).sum());
        return bytes;
    }

    /**
     * The library's {@code Draft.translateHandshakeHttp} for a server, line for line, except that a value's leading
     * spaces are skipped by hand: the library's {@code replaceFirst("^ +", "")} compiles a regular expression for
     * every header line of every upgrade. The same fields, the same exceptions, the buffer left at the same place.
     */
    @Override
    public Handshakedata translateHandshake(ByteBuffer buf) throws InvalidHandshakeException {
        if (getRole() != Role.SERVER) {
            return super.translateHandshake(buf);
        }
        String line = readStringLine(buf);
        if (line == null) {
            throw new IncompleteHandshakeException(buf.capacity() + 128);
        }
        String[] firstLine = line.split(" ", 3); // GET /ws HTTP/1.1
        if (firstLine.length != 3) {
            throw new InvalidHandshakeException();
        }
        if (!"GET".equalsIgnoreCase(firstLine[0])) {
            throw new InvalidHandshakeException(String.format("Invalid request method received: %s Status line: %s",
                    firstLine[0], line));
        }
        if (!"HTTP/1.1".equalsIgnoreCase(firstLine[2])) {
            throw new InvalidHandshakeException(String.format("Invalid status line received: %s Status line: %s",
                    firstLine[2], line));
        }
        HandshakeImpl1Client request = new HandshakeImpl1Client();
        request.setResourceDescriptor(firstLine[1]);
        line = readStringLine(buf);
        while (line != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new InvalidHandshakeException("not an http header");
            }
            String name = line.substring(0, colon);
            String value = withoutLeadingSpaces(line, colon + 1);
            // A header named twice keeps both values, as the library joins them.
            request.put(name, request.hasFieldValue(name) ? request.getFieldValue(name) + "; " + value : value);
            line = readStringLine(buf);
        }
        if (line == null) {
            throw new IncompleteHandshakeException();
        }
        return request;
    }

    private static String withoutLeadingSpaces(String line, int from) {
        int start = from;
        while (start < line.length() && line.charAt(start) == ' ') {
            start++;
        }
        return line.substring(start);
    }

    /** {@code Draft_6455}'s response, field for field; see {@link UpgradeResponse} for what differs in cost. */
    @Override
    public HandshakeBuilder postProcessHandshakeResponseAsServer(ClientHandshake request,
            ServerHandshakeBuilder response) throws InvalidHandshakeException {
        response.put("Upgrade", "websocket");
        response.put("Connection", request.getFieldValue("Connection")); // to answer a Connection: keep-alive
        String key = request.getFieldValue("Sec-WebSocket-Key");
        if (key == null || key.isEmpty()) {
            throw new InvalidHandshakeException("missing Sec-WebSocket-Key");
        }
        response.put("Sec-WebSocket-Accept", UpgradeResponse.acceptKey(key));
        String extension = getExtension().getProvidedExtensionAsServer();
        if (!extension.isEmpty()) {
            response.put("Sec-WebSocket-Extensions", extension);
        }
        if (getProtocol() != null && !getProtocol().getProvidedProtocol().isEmpty()) {
            response.put("Sec-WebSocket-Protocol", getProtocol().getProvidedProtocol());
        }
        response.setHttpStatusMessage("Web Socket Protocol Handshake");
        response.put("Server", "TooTallNate Java-WebSocket");
        response.put("Date", UpgradeResponse.date(Instant.now()));
        return response;
    }

    @Override
    public Draft copyInstance() {
        return new BoundedDraft(getMaxFrameSize(), maxMessageBytes);
    }

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        try {
            return super.translateFrame(buffer);
        } catch (NullPointerException e) {
            // Java-WebSocket 1.6.0: a close frame whose reason is not UTF-8 leaves CloseFrame's reason null, and its
            // isValid() then throws this. The server's worker would log it with a stack trace, drop the rest of the
            // read and leave the connection open; RFC 6455 §8.1 asks for 1007. Found by BoundedDraftFuzzTest.
            throw new InvalidDataException(CloseFrame.NO_UTF8, "close frame reason is not valid UTF-8");
        }
    }

    @Override
    public void processFrame(WebSocketImpl webSocket, Framedata frame) throws InvalidDataException {
        Opcode opcode = frame.getOpcode();
        if (opcode == Opcode.TEXT || opcode == Opcode.BINARY || opcode == Opcode.CONTINUOUS) {
            messageBytes = (opcode == Opcode.CONTINUOUS ? messageBytes : 0) + frame.getPayloadData().remaining();
            if (messageBytes > maxMessageBytes) {
                messageBytes = 0;
                throw new LimitExceededException("message larger than " + maxMessageBytes + " bytes",
                        maxMessageBytes);
            }
            if (frame.isFin()) {
                messageBytes = 0;
            }
        }
        super.processFrame(webSocket, frame);
    }
}
