package io.plantconsole.auth.service;

/** Slow, salted password hashing (Argon2id). Takes tens to hundreds of milliseconds: background threads only. */
public interface PasswordHasher {

    /** A self-describing hash (PHC string format: algorithm, parameters, salt, hash). */
    String hash(char[] password);

    /** Whether {@code password} matches {@code hash}, in time independent of where they differ. */
    boolean verify(char[] password, String hash);
}
