package dev.confab.protocol;

/** The outcome of decoding one frame: the frame, or the precise protocol error. Never an exception. */
public sealed interface Decoded<T> {

    /** A frame that decoded and passed every protocol rule. */
    record Ok<T>(T frame) implements Decoded<T> {
    }

    /** A frame that did not decode; {@code error} says why. */
    record Failed<T>(ProtocolError error) implements Decoded<T> {
    }
}
