package io.plantconsole.infra.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Argon2idPasswordHasherTest {
    private final Argon2idPasswordHasher hasher = new Argon2idPasswordHasher();

    @Test
    void hashesInPhcFormatWithOwaspParametersAndVerifies() {
        String h = hasher.hash("correct horse battery staple".toCharArray());
        assertThat(h).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("correct horse battery staple".toCharArray(), h)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl".toCharArray(), h)).isFalse();
        assertThat(hasher.verify("".toCharArray(), h)).isFalse();
    }

    @Test
    void saltsDiffer() {
        assertThat(hasher.hash("same password here".toCharArray()))
                .isNotEqualTo(hasher.hash("same password here".toCharArray()));
    }

    /** A hash made by another implementation (Python cryptography 48 / OpenSSL, m=19456, t=2, p=1) verifies. */
    @Test
    void verifiesAHashFromAnotherImplementation() {
        String phc = "$argon2id$v=19$m=19456,t=2,p=1$cGxhbnQtY29uc29sZS1zYQ$g4e9e2mpi2XKAyt/Yf/lhdMFjtUPgPA2MqncLxnRF7I";
        assertThat(hasher.verify("correct horse battery staple".toCharArray(), phc)).isTrue();
        assertThat(hasher.verify("Correct horse battery staple".toCharArray(), phc)).isFalse();
    }

    @Test
    void verifiesHashesMadeWithOtherParameters() {
        Argon2idPasswordHasher cheap = new Argon2idPasswordHasher(new Argon2idPasswordHasher.Cost(64, 1, 1),
                new SecureRandom());
        String h = cheap.hash("ünïcödé pässwörd".toCharArray());
        assertThat(h).contains("m=64,t=1,p=1");
        assertThat(hasher.verify("ünïcödé pässwörd".toCharArray(), h)).isTrue();
    }

    @Test
    void refusesMalformedHashes() {
        assertThat(hasher.verify("x".toCharArray(), null)).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "plain")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA")).isFalse();
    }
}
