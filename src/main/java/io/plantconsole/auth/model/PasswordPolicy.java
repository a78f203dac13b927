package io.plantconsole.auth.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Password rules after NIST SP 800-63B: length counts, composition rules do not. At least {@value #MIN_LENGTH}
 * characters, at most {@value #MAX_LENGTH}, not a well-known password, not built on the person's own name, not one
 * character repeated or a plain sequence.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = Set.of(
            "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd",
            "123456789012", "1234567890", "qwertyuiop", "qwerty123456", "qwertyuiopasdf", "iloveyou", "letmein",
            "letmein12345", "welcome", "welcome12345", "welcome123", "administrator", "admin", "admin12345",
            "changeme", "changeme1234", "trustno1", "monkey", "dragon", "football", "baseball", "sunshine",
            "princess", "starwars", "whatever", "superman", "computer", "secret", "secret123456", "plantconsole",
            "plant-console", "cocoa", "chocolate", "chocolate123", "supervisor", "operator", "qualityassurance");

    private PasswordPolicy() {
    }

    /** What is wrong with {@code candidate}, in words; empty when it is acceptable. */
    public static List<String> problems(char[] candidate, String username, String displayName) {
        List<String> problems = new ArrayList<>();
        int length = Character.codePointCount(candidate, 0, candidate.length);
        if (length < MIN_LENGTH) {
            problems.add("Use at least " + MIN_LENGTH + " characters (a short sentence is easy to remember).");
        }
        if (length > MAX_LENGTH) {
            problems.add("Use at most " + MAX_LENGTH + " characters.");
        }
        String lower = new String(candidate).toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || COMMON.contains(lower.replaceAll("[0-9!.@#]+$", ""))) {
            problems.add("This password is on the list of well-known passwords.");
        }
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            problems.add("Do not use your user name in the password.");
        }
        if (displayName != null) {
            for (String part : displayName.toLowerCase(Locale.ROOT).split("\\s+")) {
                if (part.length() >= 4 && lower.contains(part)) {
                    problems.add("Do not use your name in the password.");
                    break;
                }
            }
        }
        if (length > 0 && (lower.chars().distinct().count() <= 2 || isSequence(lower))) {
            problems.add("Do not use one repeated character or a plain sequence.");
        }
        return problems;
    }

    private static boolean isSequence(String s) {
        if (s.length() < 3) {
            return false;
        }
        int step = s.charAt(1) - s.charAt(0);
        if (Math.abs(step) != 1) {
            return false;
        }
        for (int i = 2; i < s.length(); i++) {
            if (s.charAt(i) - s.charAt(i - 1) != step) {
                return false;
            }
        }
        return true;
    }
}
