package io.weights2eq.domain.decoding;

import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A flat export of decoder training examples, for training and evaluating offline (what {@code bin/w2e
 * export-examples} writes from the {@code networks} and {@code equations} topics), one per line, tab-separated:
 * {@code equationId, canonical text, converged (true/false), activation, layer sizes (comma-separated), parameters
 * (comma-separated floats in the NetworkLayout order, written so that they read back bit for bit)}.
 */
public final class ExamplesTsv {

    private ExamplesTsv() {}

    public static String format(TrainingExample e) {
        StringBuilder s = new StringBuilder(2048);
        s.append(e.equationId())
                .append('\t')
                .append(e.target().toCanonicalText())
                .append('\t')
                .append(e.converged())
                .append('\t')
                .append(e.network().activation().label())
                .append('\t');
        int[] sizes = e.network().layout().sizes();
        for (int i = 0; i < sizes.length; i++) {
            s.append(i == 0 ? "" : ",").append(sizes[i]);
        }
        s.append('\t');
        float[] p = e.network().parameters();
        for (int i = 0; i < p.length; i++) {
            s.append(i == 0 ? "" : ",").append(p[i]);
        }
        return s.toString();
    }

    /** @throws IllegalArgumentException naming the column that is wrong */
    public static TrainingExample parse(String line) {
        String[] col = line.split("\t", -1);
        if (col.length != 6) {
            throw new IllegalArgumentException("expected 6 tab-separated columns, found " + col.length);
        }
        String[] sizeText = col[4].split(",");
        int[] sizes = new int[sizeText.length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Integer.parseInt(sizeText[i].trim());
        }
        String[] paramText = col[5].split(",");
        float[] params = new float[paramText.length];
        for (int i = 0; i < params.length; i++) {
            params[i] = Float.parseFloat(paramText[i]);
        }
        return new TrainingExample(
                col[0],
                new Network(new NetworkLayout(sizes), Activation.fromLabel(col[3]), params),
                Polynomial.parse(col[1]),
                Boolean.parseBoolean(col[2]));
    }

    public static List<TrainingExample> read(Path file) throws IOException {
        List<TrainingExample> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            int n = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(parse(line));
                } catch (RuntimeException e) {
                    throw new IOException(file + " line " + n + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }
}
