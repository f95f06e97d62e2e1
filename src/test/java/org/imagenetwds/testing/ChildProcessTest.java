package org.imagenetwds.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChildProcessTest {

    @Test
    void aToolThatHangsFailsAfterTheLimit() {
        long start = System.nanoTime();
        AssertionError e = assertThrows(AssertionError.class,
                () -> ChildProcess.run(Duration.ofMillis(300), List.of("sleep", "60")));
        assertTrue(e.getMessage().startsWith("sleep did not finish within PT0.3S"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "waited for the sleeper");
    }

    @Test
    void stdinStdoutStderrAndTheExitStatusComeBack() throws Exception {
        byte[] big = new byte[1 << 20]; // larger than a pipe's buffer: nothing blocks on an unread pipe
        java.util.Arrays.fill(big, (byte) 'x');
        ChildProcess.Ran ran = ChildProcess.run(Duration.ofMinutes(1), big,
                List.of("sh", "-c", "cat; echo oops >&2; exit 3"));
        assertEquals(3, ran.exit());
        assertArrayEquals(big, ran.stdout());
        assertEquals("oops\n", ran.stderr());
        assertTrue(ran.printed().endsWith("x" + "oops\n"));
        assertEquals(big.length + 5, ran.printed().getBytes(StandardCharsets.UTF_8).length);
    }
}
