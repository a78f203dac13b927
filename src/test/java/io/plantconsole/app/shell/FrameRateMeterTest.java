package io.plantconsole.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FrameRateMeterTest {
    private static final long MS = 1_000_000L;

    @Test
    void steadySixtyHertzReadsSixtyFramesPerSecond() {
        FrameRateMeter m = new FrameRateMeter();
        long t = 0;
        for (int i = 0; i < 300; i++) {
            m.record(t);
            t += 16_666_667L;
        }
        assertThat(m.framesPerSecond(2.0, t)).isEqualTo(60, within(1.0));
        assertThat(m.frames()).isEqualTo(300);
    }

    @Test
    void aStallShowsAsFewerFrames() {
        FrameRateMeter m = new FrameRateMeter();
        long t = 0;
        for (int i = 0; i < 120; i++) {
            m.record(t);
            t += 16 * MS;
        }
        t += 1500 * MS; // the FX thread was busy
        m.record(t);
        assertThat(m.framesPerSecond(2.0, t)).isLessThan(20);
    }

    @Test
    void countingThatStartedInsideTheWindowUsesTheTimeSinceTheFirstFrame() {
        FrameRateMeter m = new FrameRateMeter();
        for (int i = 0; i <= 30; i++) {
            m.record(i * 20 * MS);
        }
        assertThat(m.framesPerSecond(2.0, 600 * MS)).isEqualTo(50, within(0.5));
        assertThat(new FrameRateMeter().framesPerSecond(2.0, 0)).isZero();
    }
}
