package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's help comes from its declaration: described, each option described, {@code --help} exits 0. */
class W2eCliHelpTest {
    private static Map<String, CommandLine> commands() {
        return W2eCli.commandLine(new ByteArrayInputStream(new byte[0]), System.out, System.err)
                .getSubcommands();
    }

    /** The CLI in process, stdin empty: the shared runner. */
    private static CliTestRecords.Result run(String... args) {
        return CliTestRecords.cli(args);
    }

    @Test
    void everyCommandAndEveryOptionIsDescribed() {
        assertTrue(
                commands()
                        .keySet()
                        .containsAll(java.util.List.of(
                                "up",
                                "down",
                                "status",
                                "logs",
                                "topics",
                                "generate",
                                "equations-summary",
                                "networks-summary",
                                "export-examples",
                                "make-examples",
                                "decode-validation",
                                "bench-decode",
                                "train-decoder",
                                "decode",
                                "eval",
                                "roots",
                                "expressions",
                                "precision",
                                "golf",
                                "demo",
                                "soak",
                                "soak-probe",
                                "dashboard-check",
                                "bench")),
                commands().keySet().toString());
        commands().forEach((name, command) -> {
            String[] description = command.getCommandSpec().usageMessage().description();
            assertTrue(description.length > 0 && !description[0].isBlank(), name + " has no description");
            for (OptionSpec option : command.getCommandSpec().options()) {
                assertTrue(
                        option.description().length > 0 && !option.description()[0].isBlank(),
                        name + " " + option.longestName() + " has no description");
            }
        });
    }

    @Test
    void helpOfEachCommandListsItsOptionsAndExitsZero() {
        for (var entry : commands().entrySet()) {
            if (entry.getKey().equals("help")) {
                continue; // picocli's own: `w2e help COMMAND` prints that command's help
            }
            CliTestRecords.Result r = run(entry.getKey(), "--help");
            assertEquals(0, r.rc(), entry.getKey() + ": " + r);
            assertTrue(r.out().startsWith("Usage: w2e " + entry.getKey()), r.out());
            for (OptionSpec option : entry.getValue().getCommandSpec().options()) {
                assertTrue(
                        r.out().contains(option.longestName()), entry.getKey() + " help lacks " + option.longestName());
            }
        }
        assertEquals(run("decode", "--help").out(), run("help", "decode").out());
        CliTestRecords.Result top = run("--help");
        assertEquals(0, top.rc());
        assertTrue(top.out().contains("decode-validation") && top.out().contains("W2E_RUN_DIR"), top.out());
    }

    @Test
    void badUsageExitsTwoNamingTheOption() {
        CliTestRecords.Result unknown = run("topics", "--bootstrap", "localhost:1", "--colour", "red");
        assertEquals(2, unknown.rc());
        assertTrue(unknown.err().startsWith("error: Unknown options: '--colour', 'red'"), unknown.err());
        assertTrue(unknown.err().contains("Usage: w2e topics"), unknown.err());

        CliTestRecords.Result wrongType = run("networks-summary", "--bootstrap", "localhost:1", "--timeout-s", "soon");
        assertEquals(2, wrongType.rc());
        assertTrue(
                wrongType.err().startsWith("error: Invalid value for option '--timeout-s': 'soon'"), wrongType.err());

        CliTestRecords.Result none = run();
        assertEquals(2, none.rc());
        assertTrue(none.err().startsWith("error: a command is required"), none.err());

        CliTestRecords.Result scriptOnly = run("demo");
        assertEquals(2, scriptOnly.rc());
        assertTrue(scriptOnly.err().contains("bin/w2e demo"), scriptOnly.err());
        assertFalse(scriptOnly.out().contains("demo OK"));
    }

    @Test
    void laterOptionsOverrideTheDefaultsBinW2ePasses() {
        CliTestRecords.Result r = run(
                "dashboard-check", "--url", "http://localhost:1/dashboard", "--url", "ftp://x/", "--timeout-s", "5");
        assertEquals(2, r.rc());
        assertTrue(r.err().startsWith("error: --url must be an http(s) URL, was ftp://x/"), r.err());
    }

    /** bin/w2e's dispatcher and the CLI declare the same commands, so `bin/w2e <command> --help` always has one. */
    @Test
    void binW2eRunsExactlyTheDeclaredCommands() throws java.io.IOException {
        String script = java.nio.file.Files.readString(java.nio.file.Path.of("..", "bin", "w2e"));
        String dispatch = script.substring(script.lastIndexOf("  case \"$command\" in\n    up)"));
        java.util.Set<String> run = new java.util.TreeSet<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(?m)^    ([a-z][a-z-]*)\\) ").matcher(dispatch);
        while (m.find()) {
            run.add(m.group(1));
        }
        java.util.Set<String> declared = new java.util.TreeSet<>(commands().keySet());
        declared.removeAll(java.util.List.of("help", "soak-probe")); // picocli's own; what bin/w2e soak runs inside
        assertEquals(declared, run);
    }
}
