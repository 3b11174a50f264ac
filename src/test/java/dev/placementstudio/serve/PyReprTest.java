package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PyRepr#pformat} against what Python 3.11's {@code pprint.pformat(value, width=72)} printed for the same
 * JSON (jsonschema quotes a failed schema and instance with it, and Placement sends that in its 400s).
 */
class PyReprTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String pformat(String json) throws Exception {
        return PyRepr.pformat(JSON.readTree(json), 72);
    }

    @Test
    void keysAreSortedAndFloatsWrittenAsPythonWritesThem() throws Exception {
        assertThat(pformat("{\"b\": 1, \"a\": [1.5, 1e+16, 1000000000000000.0, 0.0001, 1e-05, 3.40282e+38, -2.0, true, null]}"))
                .isEqualTo("{'a': [1.5,\n       1e+16,\n       1000000000000000.0,\n       0.0001,\n       1e-05,\n"
                        + "       3.40282e+38,\n       -2.0,\n       True,\n       None],\n 'b': 1}");
        assertThat(pformat("{\"type\": \"integer\", \"maximum\": 2147483647, \"minimum\": 1}"))
                .isEqualTo("{'maximum': 2147483647, 'minimum': 1, 'type': 'integer'}");
    }

    @Test
    void whatDoesNotFitIsBrokenAnItemALineUnderItsBracket() throws Exception {
        assertThat(pformat("[{\"name\": \"cn0\", \"uuid\": \"11111111-2222-3333-4444-555555555550\"}, "
                + "{\"name\": \"cn1\", \"uuid\": \"11111111-2222-3333-4444-555555555551\"}]"))
                .isEqualTo("[{'name': 'cn0', 'uuid': '11111111-2222-3333-4444-555555555550'},\n"
                        + " {'name': 'cn1', 'uuid': '11111111-2222-3333-4444-555555555551'}]");
        assertThat(pformat("{\"x\": {\"y\": {\"z\": [\"aaaaaaaaaaaaaaaa\", \"bbbbbbbbbbbbbbbbbbbb\", \"cccccccccccccccccccc\", \"dddd\"]}}}"))
                .isEqualTo("{'x': {'y': {'z': ['aaaaaaaaaaaaaaaa',\n                   'bbbbbbbbbbbbbbbbbbbb',\n"
                        + "                   'cccccccccccccccccccc',\n                   'dddd']}}}");
    }

    @Test
    void longStringsAreSplitAfterSpacesIntoAdjacentLiterals() throws Exception {
        String sentence = "a long sentence of words that will not fit on one line of seventy two characters at all, no";
        assertThat(pformat("{\"description\": \"" + sentence + "\", \"k\": \"x\"}"))
                .isEqualTo("{'description': 'a long sentence of words that will not fit on one '\n"
                        + "                'line of seventy two characters at all, no',\n 'k': 'x'}");
        assertThat(pformat("\"" + sentence + "\""))
                .isEqualTo("('a long sentence of words that will not fit on one line of seventy '\n 'two characters at all, no')");
        assertThat(pformat("\"line one\\nline two that is long enough to need its own line in the output here\""))
                .isEqualTo("('line one\\n'\n 'line two that is long enough to need its own line in the output here')");
    }
}
