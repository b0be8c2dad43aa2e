package io.weights2eq.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The DevTools events that mean "the page has an error", as one line each. */
final class ConsoleErrors {

    private ConsoleErrors() {}

    static Optional<String> of(DevToolsConnection.Event event) {
        JsonNode p = event.params();
        return switch (event.method()) {
            case "Runtime.consoleAPICalled" ->
                "error".equals(p.path("type").asText())
                        ? Optional.of("console.error: " + arguments(p.path("args")))
                        : Optional.empty();
            case "Runtime.exceptionThrown" ->
                Optional.of("uncaught exception: " + describe(p.path("exceptionDetails")));
            case "Log.entryAdded" ->
                "error".equals(p.path("entry").path("level").asText())
                        ? Optional.of("log (" + p.path("entry").path("source").asText() + "): "
                                + p.path("entry").path("text").asText()
                                + (p.path("entry").hasNonNull("url")
                                        ? " " + p.path("entry").get("url").asText()
                                        : ""))
                        : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static String arguments(JsonNode args) {
        List<String> parts = new ArrayList<>();
        for (JsonNode a : args) {
            parts.add(
                    a.has("value")
                            ? a.get("value").asText()
                            : a.path("description").asText(a.path("type").asText()));
        }
        return String.join(" ", parts);
    }

    /** An exception's description (message and stack) or, without one, its text and position. */
    static String describe(JsonNode details) {
        JsonNode exception = details.path("exception");
        if (exception.hasNonNull("description")) {
            return exception.get("description").asText().lines().findFirst().orElse("");
        }
        return details.path("text").asText() + " at " + details.path("url").asText() + ":"
                + details.path("lineNumber").asInt();
    }
}
