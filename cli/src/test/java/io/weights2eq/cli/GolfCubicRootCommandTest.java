package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.admissible.AdmissibleFile;
import io.weights2eq.domain.admissible.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GolfCubicRootCommandTest {
    /** The CLI in process, stdin empty: the shared runner. */
    private static CliTestRecords.Result run(String... args) {
        return CliTestRecords.cli(args);
    }

    @Test
    void buildsVerifiesAndWritesTheNetwork(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("net.json");
        CliTestRecords.Result r = run("golf", "cubic-root", "--out", file.toString());
        assertEquals(0, r.rc(), r.toString());
        assertTrue(r.out().contains("verified on all 9261 inputs (double and exact arithmetic): 0 miss"), r.out());
        assertTrue(r.out().contains("worst input a="), r.out());
        long score = Precision.score(AdmissibleFile.parse(Files.readString(file)));
        assertTrue(r.out().contains("score " + score + " "), r.out());
        assertTrue(score < 3806, r.out());

        CliTestRecords.Result again = run("golf", "cubic-root", "--check", file.toString());
        assertEquals(0, again.rc(), again.toString());
        assertTrue(again.out().contains("score " + score + " "), again.out());
    }

    @Test
    void aNetworkThatMissesFailsNamingTheWorstInput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("zero.json");
        // outputs b: far from most roots
        Files.writeString(file, "{\"format\": \"admissible\", \"inputs\": 3, \"neurons\": [], \"outputs\": [2]}");
        CliTestRecords.Result r = run("golf", "cubic-root", "--check", file.toString());
        assertEquals(1, r.rc(), r.toString());
        assertTrue(r.out().contains("FAILED"), r.out());
        assertFalse(r.out().contains("wrote"), r.out());
    }

    @Test
    void aFileThatIsNotAChallengeNetworkIsNamed(@TempDir Path dir) throws Exception {
        Path twoInputs = dir.resolve("two.json");
        Files.writeString(twoInputs, "{\"format\": \"admissible\", \"inputs\": 2, \"neurons\": [], \"outputs\": [1]}");
        CliTestRecords.Result r = run("golf", "cubic-root", "--check", twoInputs.toString());
        assertEquals(2, r.rc(), r.toString());
        assertTrue(r.err().contains("two.json: the challenge takes 3 inputs (a, b, c) and 1 output"), r.err());

        Path forward = dir.resolve("forward.json");
        Files.writeString(
                forward,
                "{\"format\": \"admissible\", \"inputs\": 3, \"neurons\": [{\"weights\": {\"5\": \"1\"}, \"bias\": \"0\", \"activation\": \"relu\"}], \"outputs\": [4]}");
        CliTestRecords.Result f = run("golf", "cubic-root", "--check", forward.toString());
        assertEquals(2, f.rc(), f.toString());
        assertTrue(f.err().contains("neurons[0] (node 4).weights.\"5\""), f.err());
    }

    @Test
    void golfListsTheChallengeAmongItsSubcommands() {
        CliTestRecords.Result r = run("golf", "--help");
        assertEquals(0, r.rc(), r.toString());
        assertTrue(r.out().contains("cubic-root"), r.out());
    }
}
