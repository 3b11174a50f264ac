package dev.placementstudio.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonStreamContext;

import java.io.IOException;

/**
 * Finds where a value sits in a JSON text, given its path as the validator writes it
 * ({@code hosts[3].numaNodes[1].cpus}). Falls back to the nearest enclosing value that exists.
 */
final class JsonLocator {
    private JsonLocator() {
    }

    /** {line, column} (1-based) of the value at path, or of its nearest existing parent (the root at least); {0,0} if none. */
    static int[] locate(String json, String path) {
        int[] best = {0, 0};
        int bestLen = -1;
        try (JsonParser p = new JsonFactory().createParser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                String here = pathOf(p.getParsingContext(), t);
                // the root value encloses every path: a field missing at the top is placed at the root object
                if (here.isEmpty() || path.equals(here) || path.startsWith(here + ".") || path.startsWith(here + "[")) {
                    if (here.length() > bestLen) {
                        bestLen = here.length();
                        best = new int[]{p.currentTokenLocation().getLineNr(), p.currentTokenLocation().getColumnNr()};
                    }
                }
            }
        } catch (IOException e) {
            // broken JSON: whatever we found so far is the best answer
        }
        return best;
    }

    private static String pathOf(JsonStreamContext ctx, JsonToken token) {
        // For a START_OBJECT/START_ARRAY the parser is already inside the new context.
        JsonStreamContext c = (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) ? ctx.getParent() : ctx;
        StringBuilder sb = new StringBuilder();
        build(c, sb);
        return sb.toString();
    }

    private static void build(JsonStreamContext c, StringBuilder sb) {
        if (c == null || c.inRoot()) {
            return;
        }
        build(c.getParent(), sb);
        if (c.inArray()) {
            sb.append('[').append(c.getCurrentIndex()).append(']');
        } else if (c.inObject() && c.getCurrentName() != null) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(c.getCurrentName());
        }
    }
}
