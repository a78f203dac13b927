package io.plantconsole.auth.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static java.util.List<String> check(String pw) {
        return PasswordPolicy.problems(pw.toCharArray(), "quinn", "Quinn Example");
    }

    @Test
    void longPassphraseIsFine() {
        assertThat(check("roasted nibs at dawn")).isEmpty();
    }

    @Test
    void shortOnesAreRefused() {
        assertThat(check("Sh0rt!pw")).anyMatch(p -> p.contains("at least 12"));
    }

    @Test
    void wellKnownOnesAreRefused() {
        assertThat(check("Password1234")).anyMatch(p -> p.contains("well-known"));
        assertThat(check("chocolate123")).anyMatch(p -> p.contains("well-known"));
    }

    @Test
    void ownNamesAreRefused() {
        assertThat(check("quinn-likes-cocoa")).anyMatch(p -> p.contains("user name"));
        assertThat(check("example-of-a-pass")).anyMatch(p -> p.contains("your name"));
    }

    @Test
    void repetitionAndSequencesAreRefused() {
        assertThat(check("aaaaaaaaaaaaaa")).anyMatch(p -> p.contains("repeated"));
        assertThat(check("abcdefghijklmn")).anyMatch(p -> p.contains("sequence"));
    }

    @Test
    void tooLongIsRefused() {
        assertThat(check("x".repeat(60) + "y".repeat(69))).anyMatch(p -> p.contains("at most 128"));
    }
}
