package io.plantconsole.sync.service;

import java.util.Map;

/**
 * Splits a JSON object into its top-level fields, so that services can compare payloads without a JSON library
 * (those live in {@code infra}). Pure computation, any thread.
 */
public interface JsonFields {

    /**
     * The top-level fields of a JSON object, in document order, each value as canonical compact JSON text:
     * nested objects with their keys sorted, no insignificant spaces, numbers written the same way however they
     * were spelt. Two values are equal exactly when their texts are equal.
     *
     * @throws IllegalArgumentException when {@code json} is not a JSON object (an array, a scalar, malformed)
     */
    Map<String, String> topLevel(String json);

    /** {@code json} in the same canonical form (any JSON value); {@code json} itself when it is malformed. */
    String canonical(String json);
}
