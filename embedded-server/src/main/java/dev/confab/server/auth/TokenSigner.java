package dev.confab.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Writes and signs the server's tokens (JWS, HS256, compact form) the way jjwt's builder did, byte for byte
 * ({@code TokenSignerTest} compares the two), without its cost: the builder made header and claims maps, ran them
 * through a JSON serializer, looked the MAC algorithm up and checked the key again for every token, about half of a
 * guest login's CPU (S5 profile in docs/BENCHMARKS.md). Here the header is encoded once, the claims are written
 * straight into a string and the MAC is a copy of one initialized with the key. Checking tokens stays with jjwt's
 * parser ({@link TokenService#verify}); only what this server itself writes is made here.
 */
final class TokenSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** {@code {"alg":"HS256"}}, as jjwt writes it, encoded, with the separator. */
    private static final String HEADER = BASE64URL.encodeToString("{\"alg\":\"HS256\"}"
            .getBytes(StandardCharsets.UTF_8)) + ".";

    private final SecretKey key;
    private final Mac initialized;

    TokenSigner(SecretKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length < MIN_KEY_BYTES) {
            // jjwt's builder refused such a key (RFC 7518 3.2): so does this, before the first token.
            throw new IllegalArgumentException("an HS256 key has at least " + MIN_KEY_BYTES * 8 + " bits");
        }
        this.key = key;
        this.initialized = newMac(key);
    }

    /** The compact token for these claims, {@code issuedAt} and {@code expiresAt} in whole seconds. */
    String sign(TokenClaims claims, String issuer, String audience, Instant issuedAt, Instant expiresAt, String id) {
        StringBuilder json = new StringBuilder(256).append('{');
        string(json, "sub", claims.userId()).append(',');
        string(json, "name", claims.username().value()).append(',');
        json.append("\"guest\":").append(claims.guest()).append(',');
        json.append("\"ver\":").append(claims.tokenVersion()).append(',');
        string(json, TokenService.TOKEN_USE, TokenService.ACCESS).append(',');
        string(json, "iss", issuer).append(',');
        json.append("\"aud\":[");
        quoted(json, audience).append("],");
        json.append("\"iat\":").append(issuedAt.getEpochSecond()).append(',');
        json.append("\"exp\":").append(expiresAt.getEpochSecond()).append(',');
        string(json, "jti", id).append('}');
        String signed = HEADER + BASE64URL.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
        byte[] signature = mac().doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + BASE64URL.encodeToString(signature);
    }

    private static StringBuilder string(StringBuilder json, String name, String value) {
        return quoted(quoted(json, name).append(':'), value);
    }

    /** A JSON string: quote, backslash and control characters escaped (a claim's text can never end the string). */
    private static StringBuilder quoted(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }

    /** A MAC is not thread-safe: each token gets a copy of the initialized one (cheaper than initializing anew). */
    private Mac mac() {
        try {
            return (Mac) initialized.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(key); // a provider whose MAC cannot be copied
        }
    }

    private static Mac newMac(SecretKey key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign tokens with " + ALGORITHM, e);
        }
    }
}
