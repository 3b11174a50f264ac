package dev.placementstudio.scheduler;

import dev.placementstudio.placement.PythonRepr;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nova's extra_specs_ops, behaviour by behaviour (each read from nova/scheduler/filters/extra_specs_ops.py). */
class ExtraSpecsOpsTest {
    @Test
    void aBareEqualsSignMeansAtLeastAsInNova() {
        assertTrue(ExtraSpecsOps.match("8", "= 4"));
        assertTrue(ExtraSpecsOps.match("4", "= 4.0"));
        assertFalse(ExtraSpecsOps.match("2", "= 4"));
    }

    @Test
    void numberOperatorsCompareAsPythonFloats() {
        assertTrue(ExtraSpecsOps.match("4", "== 4.0"));
        assertTrue(ExtraSpecsOps.match("1_000", ">= 1e3"));
        assertTrue(ExtraSpecsOps.match(" 3 ", "<= 3"));
        assertTrue(ExtraSpecsOps.match("nan", "!= nan"));
        assertFalse(ExtraSpecsOps.match("inf", "<= 1e308"));
    }

    @Test
    void aNumberOperatorOnTextIsWhereNovaRaises() {
        ExtraSpecsOps.Outcome o = ExtraSpecsOps.check("QEMU", ">= 2");
        assertFalse(o.met());
        assertNotNull(o.novaWouldRaise());
        assertNotNull(ExtraSpecsOps.check("x", "<or>").novaWouldRaise());
    }

    @Test
    void stringOperatorsCompareByCodePoint() {
        assertTrue(ExtraSpecsOps.match("abc", "s== abc"));
        assertTrue(ExtraSpecsOps.match("abc", "s!= abd"));
        assertTrue(ExtraSpecsOps.match("10", "s< 9"));
        assertTrue(ExtraSpecsOps.match("\uD83D\uDE00", "s> \uFFFF"));
        assertTrue(ExtraSpecsOps.match("b", "s>= b"));
    }

    @Test
    void inIsASubstringAndAllInNeedsEveryWord() {
        assertTrue(ExtraSpecsOps.match("['avx2', 'sse4.2']", "<in> avx"));
        assertTrue(ExtraSpecsOps.match("['avx2', 'sse4.2']", "<all-in> avx2 sse4"));
        assertFalse(ExtraSpecsOps.match("['avx2']", "<all-in> avx2 aes"));
    }

    @Test
    void orComparesEveryOtherWordAndIgnoresTheWordsBetween() {
        assertTrue(ExtraSpecsOps.match("b", "<or> a <or> b"));
        assertTrue(ExtraSpecsOps.match("b", "<or> a anything b"));
        assertFalse(ExtraSpecsOps.match("<or>", "<or> a <or> b"));
    }

    @Test
    void anUnknownOperatorComparesTheWholeRequirement() {
        assertTrue(ExtraSpecsOps.match("true", "true"));
        assertTrue(ExtraSpecsOps.match("gold silver", "gold silver"));
        assertFalse(ExtraSpecsOps.match("gold", " gold"));
        assertFalse(ExtraSpecsOps.match(null, "gold"));
        assertFalse(ExtraSpecsOps.match("4", "s=="));
    }

    @Test
    void capabilitiesAreComparedAsPythonPrintsThem() {
        assertEquals("['avx2', 'sse']", PythonRepr.str(List.of("avx2", "sse")));
        assertEquals("16.0", PythonRepr.str(16.0));
        assertEquals("1e+16", PythonRepr.str(1e16));
        assertEquals("0.0001", PythonRepr.str(1e-4));
        assertEquals("1e-05", PythonRepr.str(1e-5));
        Map<String, Object> topo = new LinkedHashMap<>();
        topo.put("cores", 4L);
        topo.put("ok", true);
        assertEquals("{'cores': 4, 'ok': True}", PythonRepr.str(topo));
        assertEquals("{\"cores\": 4, \"ok\": true}", PythonRepr.jsonDumps(topo));
        assertEquals("\"it's\"", PythonRepr.repr("it's"));
    }
}
