package io.weights2eq.domain.network;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** How the file formats' errors show a JSON value that was not what they wanted. */
public final class JsonValues {
    private static final int SHOWN_CHARACTERS = 40;

    private JsonValues() {}

    /** The node's JSON type: "object", "array", "string", "number", ... */
    public static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** The type and, for a single value, the value (a long string cut): {@code string "abc"}, {@code number 3}. */
    public static String describe(JsonNode node) {
        if (node.isTextual()) {
            String t = node.textValue();
            return "string \"" + (t.length() > SHOWN_CHARACTERS ? t.substring(0, SHOWN_CHARACTERS) + "…" : t) + "\"";
        }
        if (node.isNull() || !node.isValueNode()) {
            return kind(node);
        }
        return kind(node) + " " + node.asText();
    }

    /** Why text is not JSON, and where: "json is malformed: … (at line 1, column 7)". */
    public static String malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return "json is malformed: " + e.getOriginalMessage()
                + (at == null ? "" : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }
}
