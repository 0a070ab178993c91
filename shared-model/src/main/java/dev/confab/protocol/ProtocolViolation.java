package dev.confab.protocol;

/**
 * A value or frame that breaks a protocol rule. The codec turns it into an {@link ProtocolError} with its code;
 * code outside the codec sees it only when it builds a value from untrusted text itself.
 */
public final class ProtocolViolation extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ProtocolViolation(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** The error code a peer should receive for this violation. */
    public ErrorCode code() {
        return code;
    }
}
