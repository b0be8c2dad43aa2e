package io.weights2eq.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.weights2eq.domain.admissible.AdmissibleFile;
import io.weights2eq.domain.admissible.AdmissibleNetwork;
import io.weights2eq.domain.admissible.LayeredConversion;
import io.weights2eq.domain.network.InvalidFieldException;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The networks of {@code precision} and {@code golf}: a file that is one admissible network (its JSON over any
 * number of lines, e.g. {@code models/cubic-largest-root.json}), or JSON lines each of which is an admissible
 * network ({@code "format": "admissible"}) or a layered one (the network file format, converted by
 * {@link LayeredConversion}). A bad line is one failed entry; the others are still read.
 */
final class NetworkInputs {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private NetworkInputs() {}

    /**
     * One network of the file, or why not.
     *
     * @param id       the layered network's id, else {@code line N}, or the file's name when it is one network
     * @param layered  the layered network it was converted from, or null for an admissible one
     * @param network  the admissible network, or null when {@code error} says why not
     */
    record Entry(int line, String id, Network layered, AdmissibleNetwork network, String error) {
        boolean failed() {
            return error != null;
        }
    }

    /** {@link #read}, or null after telling {@code err} why the input cannot be read. */
    static List<Entry> readOrReport(String input, InputStream stdin, PrintStream err) {
        try {
            return read(input, stdin);
        } catch (IOException e) {
            err.println("error: cannot read " + input + ": " + e.getMessage());
            return null;
        }
    }

    /** {@code -} reads stdin. */
    static List<Entry> read(String input, InputStream stdin) throws IOException {
        String text;
        if (input.equals("-")) {
            text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } else {
            text = Files.readString(Path.of(input), StandardCharsets.UTF_8);
        }
        if (isOneAdmissibleObject(text)) {
            return List.of(entry(1, input.equals("-") ? "stdin" : input, text, true));
        }
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                entries.add(entry(i + 1, "line " + (i + 1), lines[i], lines[i].contains("\"format\"")));
            }
        }
        return entries;
    }

    private static boolean isOneAdmissibleObject(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            return root != null && root.isObject() && root.has("format");
        } catch (IOException e) {
            return false; // JSON lines, or malformed: each line is read (and named) on its own
        }
    }

    private static Entry entry(int line, String label, String json, boolean admissible) {
        try {
            if (admissible) {
                return new Entry(line, label, null, AdmissibleFile.parse(json), null);
            }
            NetworkFile.Entry layered = NetworkFile.parse(json);
            return new Entry(line, layered.id(), layered.network(), LayeredConversion.convert(layered.network()), null);
        } catch (InvalidFieldException e) {
            return new Entry(line, label, null, null, "line " + line + ": " + e.getMessage());
        }
    }
}
