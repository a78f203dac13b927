package io.plantconsole.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.sim.FaultKind;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleOptionsTest {

    @Test
    void noOptionsMeansTheDemoAtCatalogueRates() {
        ConsoleOptions o = ConsoleOptions.parse();
        assertThat(o.isDemo()).isTrue();
        assertThat(o.simRateHz()).isZero();
        assertThat(o.selfTestDir()).isEmpty();
        assertThat(o.faults()).isEmpty();
    }

    @Test
    void selfTestStressAndFaultsAreParsed() {
        ConsoleOptions o = ConsoleOptions.parse("--self-test", "target/st", "--stress",
                "--fault", "grinder1.vibration:bearing_fault", "--fault", "roaster1.bean_temp:SPIKE:5");
        assertThat(o.selfTestDir()).contains(Path.of("target/st"));
        assertThat(o.simRateHz()).isEqualTo(1000);
        assertThat(o.faults()).containsExactly(
                new ConsoleOptions.Fault("grinder1.vibration", FaultKind.BEARING_FAULT, Duration.ofSeconds(600)),
                new ConsoleOptions.Fault("roaster1.bean_temp", FaultKind.SPIKE, Duration.ofSeconds(5)));
    }

    @Test
    void aSiteConfigLeavesDemoMode() {
        assertThat(ConsoleOptions.parse("--site-config", "/etc/pc/site.json").isDemo()).isFalse();
    }

    @Test
    void migrateCentralTakesTheOwnerLoginAndAnOptionalPasswordFileAndNeedsASiteConfig() {
        ConsoleOptions o = ConsoleOptions.parse("--site-config", "site.json", "--migrate-central", "pc_owner",
                "--owner-password-file", "/root/owner.pw");
        assertThat(o.command()).isEqualTo(ConsoleOptions.Command.MIGRATE_CENTRAL);
        assertThat(o.ownerLogin()).isEqualTo("pc_owner");
        assertThat(o.ownerPasswordFile()).contains(Path.of("/root/owner.pw"));
        assertThat(ConsoleOptions.parse("--site-config", "site.json", "--migrate-central", "pc_owner")
                .ownerPasswordFile()).isEmpty();
        assertThatThrownBy(() -> ConsoleOptions.parse("--migrate-central", "pc_owner"))
                .hasMessageContaining("--migrate-central needs --site-config");
        assertThatThrownBy(() -> ConsoleOptions.parse("--site-config", "s.json", "--owner-password-file", "f"))
                .hasMessageContaining("--owner-password-file goes with --migrate-central");
        assertThatThrownBy(() -> ConsoleOptions.parse("--site-config", "s.json", "--migrate-central"))
                .hasMessageContaining("--migrate-central needs a value");
    }

    @Test
    void mistakesAreExplainedWithTheUsage() {
        assertThatThrownBy(() -> ConsoleOptions.parse("--self-test")).hasMessageContaining("--self-test needs a value");
        assertThatThrownBy(() -> ConsoleOptions.parse("--sim-rate", "fast")).hasMessageContaining("(0, 10000]");
        assertThatThrownBy(() -> ConsoleOptions.parse("--sim-rate", "0")).hasMessageContaining("(0, 10000]");
        assertThatThrownBy(() -> ConsoleOptions.parse("--bogus")).hasMessageContaining("Unknown option '--bogus'")
                .hasMessageContaining("Usage:");
        assertThatThrownBy(() -> ConsoleOptions.parse("--fault", "x:MELT")).hasMessageContaining("Unknown fault kind");
        assertThatThrownBy(() -> ConsoleOptions.parse("--fault", "x:SPIKE:-3")).hasMessageContaining("positive");
        assertThatThrownBy(() -> ConsoleOptions.parse("--self-test", "d", "--site-config", "s.json"))
                .hasMessageContaining("cannot be combined");
    }
}
