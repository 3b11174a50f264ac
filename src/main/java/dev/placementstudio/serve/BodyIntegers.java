package dev.placementstudio.serve;

import dev.placementstudio.placement.PythonRepr;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * Integers of request bodies as Placement holds them: Python ints, unbounded and compared exactly (and 4.0 == 4).
 * Jackson's {@code asLong()} wraps past 2^63, so an amount of 2^64+1 would read as 1 and a generation of actual+2^64
 * as the actual one; these read the number the client wrote. The schema has already said each is an integer.
 */
final class BodyIntegers {
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private BodyIntegers() {
    }

    /**
     * An amount as the engine compares it: one past a long is {@link Long#MAX_VALUE}, more than any inventory's
     * max_unit (2^31-1), so the write is refused with the 409 Placement gives it.
     */
    static long amount(JsonNode n) {
        BigDecimal v = exact(n);
        return v.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : v.longValue();
    }

    /** A generation as given, or null when it is beyond a long (then it matches no generation there is). */
    static Long generation(JsonNode n) {
        BigDecimal v = exact(n);
        return v.compareTo(LONG_MAX) > 0 || v.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 ? null : v.longValue();
    }

    /** Whether a given generation is the actual one, as Python's {@code ==}. */
    static boolean same(JsonNode given, long actual) {
        Long g = generation(given);
        return g != null && g == actual;
    }

    /** The number as Python's {@code str()} prints it: the digits of an int, a float as a float ({@code 4.0}). */
    static String text(JsonNode n) {
        return n.isIntegralNumber() ? n.bigIntegerValue().toString() : PythonRepr.floatRepr(n.doubleValue());
    }

    private static BigDecimal exact(JsonNode n) {
        return n.isIntegralNumber() ? new BigDecimal(n.bigIntegerValue()) : BigDecimal.valueOf(n.doubleValue());
    }
}
