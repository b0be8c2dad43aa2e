package io.weights2eq.cli;

import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.equation.ElementarySampler;
import io.weights2eq.domain.equation.EquationFamilies;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.expression.ExpressionVocabulary;
import io.weights2eq.domain.expression.Refusal;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code expressions}: held-out draws of the elementary family, one JSON line each, for the evaluation and for
 * networks trained elsewhere; expression i is the first draw of equation i's stream, as a generator job with the
 * same seed and domain draws it.
 */
@Command(
        name = "expressions",
        mixinStandardHelpOptions = true,
        description =
                "Draw expressions of the elementary family (no broker needed): one JSON line {\"id\", \"expression\", \"domain\"} each, the expression in its canonical text (docs/expressions.md), drawn deterministically from (seed, index) as a generator job with that seed and domain draws them.")
final class ExpressionsCommand extends CliCommand {
    static final int MAX_COUNT = 1_000_000;

    @Option(
            names = "--family",
            defaultValue = "elementary",
            paramLabel = "elementary",
            description = "the family to draw from; only elementary draws expressions (default ${DEFAULT-VALUE})")
    String familyName;

    @Option(names = "--count", required = true, paramLabel = "N", description = "how many expressions (1 to 1000000)")
    int count;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "the seed (default ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    DomainOption domainOption;

    @Option(
            names = "--degree",
            paramLabel = "D",
            description = "the most operators in a tree, 1 to 8 (default: the family's 4)")
    Integer degree;

    @Option(names = "--out", paramLabel = "FILE", description = "write the lines to FILE instead of stdout")
    Path outFile;

    @Option(
            names = "--refusals",
            description =
                    "also print to stderr what the draws cost: draws refused per accepted, by rule, distinct texts, token lengths")
    boolean refusals;

    @Override
    int run() throws IOException {
        ElementarySampler sampler = sampler();
        if (outFile == null) {
            write(sampler, new PrintWriter(out, false, StandardCharsets.UTF_8));
            return 0;
        }
        try (BufferedWriter w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
            write(sampler, new PrintWriter(w));
        }
        err.println("wrote " + count + " expressions to " + outFile);
        return 0;
    }

    private ElementarySampler sampler() {
        if (count < 1 || count > MAX_COUNT) {
            throw new W2eCli.UsageException("--count must be between 1 and " + MAX_COUNT + ", was " + count);
        }
        EquationFamily family;
        try {
            family = EquationFamilies.named(familyName);
        } catch (IllegalArgumentException e) {
            throw new W2eCli.UsageException("--" + e.getMessage());
        }
        if (!family.elementaryExpressions()) {
            throw new W2eCli.UsageException(
                    "--family must be elementary (the only family of expressions), was " + familyName);
        }
        if (degree != null) {
            family = new EquationFamily(
                    family.mode(),
                    degree,
                    family.coefficientMin(),
                    family.coefficientMax(),
                    family.wholeWeight(),
                    family.decimalWeight(),
                    family.decimalDigits(),
                    family.fractionWeight(),
                    family.fractionDigits(),
                    family.absentProbability());
            if (!family.validate().isEmpty()) {
                throw new W2eCli.UsageException(
                        "--degree " + family.validate().get(0).message());
            }
        }
        return new ElementarySampler(family, domainOption.domain());
    }

    private void write(ElementarySampler sampler, PrintWriter w) {
        Map<Refusal.Rule, Integer> refused = new EnumMap<>(Refusal.Rule.class);
        Set<String> distinct = new HashSet<>();
        int[] tokens = new int[count];
        String domain = sampler.domain().intervals().stream()
                .map(i -> "[" + RootsCommand.decimal(i.lo()) + ", " + RootsCommand.decimal(i.hi()) + "]")
                .collect(Collectors.joining(", ", "[", "]"));
        for (int index = 0; index < count; index++) {
            ElementarySampler.Draw draw = sampler.sample(DeterministicRandom.forEquation(seed, index));
            String text = draw.text();
            draw.rejected().forEach(r -> refused.merge(r.rule(), 1, Integer::sum));
            distinct.add(text);
            tokens[index] = ExpressionVocabulary.encode(text).length;
            w.println("{\"id\": \"" + seed + "-" + index + "\", \"expression\": \"" + text + "\", \"domain\": " + domain
                    + "}");
        }
        w.flush();
        if (refusals) {
            printRefusals(refused, distinct.size(), tokens);
        }
    }

    private void printRefusals(Map<Refusal.Rule, Integer> refused, int distinct, int[] tokens) {
        int total = refused.values().stream().mapToInt(Integer::intValue).sum();
        err.printf(
                Locale.ROOT,
                "%d accepted, %d refused (%.1f per accepted), %d distinct texts%n",
                count,
                total,
                (double) total / count,
                distinct);
        refused.entrySet().stream()
                .sorted(Map.Entry.<Refusal.Rule, Integer>comparingByValue().reversed())
                .forEach(e -> err.printf(
                        Locale.ROOT,
                        "  %5.1f %%  %s%n",
                        100.0 * e.getValue() / total,
                        e.getKey().label()));
        Arrays.sort(tokens);
        err.printf(Locale.ROOT, "tokens (v2): median %d, max %d%n", tokens[count / 2], tokens[count - 1]);
    }
}
