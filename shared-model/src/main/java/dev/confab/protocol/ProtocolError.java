package dev.confab.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Why a frame could not be decoded: the code and a sentence for a person. {@code requestId} is the frame's
 * {@code id} when it could still be read, so that the error can name the request it answers.
 */
public record ProtocolError(ErrorCode code, String message, @Nullable String requestId) {
}
