package io.weights2eq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch peer's expression translator ({@code src/main/python/peer_expressions.py}), run by the machine's
 * Python 3: it needs the standard library only, not torch, so the build runs it everywhere.
 */
class PeerExpressionsTest {
    static final Path SCRIPT = Path.of("src/main/python/peer_expressions.py");
    static final Path NGUYEN = Path.of("../evaluation/src/main/resources/benchmarks/nguyen.jsonl");

    record Run(int exit, String output) {}

    static Run python(String... args) throws IOException, InterruptedException {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        List<String> command = new ArrayList<>(List.of(python, SCRIPT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        return new Run(p.exitValue(), out);
    }

    @Test
    void theTranslatorsOwnTestsPass() throws Exception {
        Run run = python("--self-test");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().matches("(?s).*peer_expressions: [1-9]\\d* passed, 0 failed\\s*"), run.output());
    }

    @Test
    void everyNguyenExpressionIsDefinedOnItsDomain() throws Exception {
        Run run = python("--check", NGUYEN.toString());
        assertEquals(0, run.exit(), run.output());
        assertEquals(
                11,
                Files.readAllLines(NGUYEN).stream().filter(l -> !l.isBlank()).count());
        assertTrue(run.output().contains("11 expressions defined on their domains"), run.output());
    }

    @Test
    void aLogOfANonPositiveArgumentIsRefusedWithTheLineAndTheReason(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(
                file,
                "{\"id\": \"ok\", \"expression\": \"x^2\", \"domain\": [[-1, 1]]}\n"
                        + "{\"id\": \"bad\", \"expression\": \"log(x+1)\", \"domain\": [[-2, 1]]}\n");
        Run run = python("--check", file.toString());
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("bad.jsonl:2 (bad): log of -1 at [-2.0]"), run.output());
    }
}
