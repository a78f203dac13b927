package io.plantconsole.kernel.util;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA-256 in hex: a value that stands for a text without revealing it to anyone without the key. */
public final class KeyedHash {
    private KeyedHash() {
    }

    /** HMAC-SHA-256 of {@code text} under {@code key}, hex. */
    public static String of(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no HmacSHA256", e);
        }
    }

    /** Under a random key of this process: values compare within one run only (tests, tools). */
    public static UnaryOperator<String> underRandomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return text -> of(key, text);
    }
}
