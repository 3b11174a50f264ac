package dev.placementstudio.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.TestFiles;
import dev.placementstudio.sim.ScenarioRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A scenario file with a problem gets a message naming the problem and where it is. */
class ScenarioFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode good() throws Exception {
        return (ObjectNode) JSON.readTree(Files.readString(
                TestFiles.root().resolve("sample-clouds/scenarios/alternates-retry.json")));
    }

    private static InputProblemException problem(Consumer<ObjectNode> change) throws Exception {
        ObjectNode s = good();
        change.accept(s);
        String text = s.toPrettyString();
        return catchThrowableOfType(() -> ScenarioFiles.parse("mine.json", text), InputProblemException.class);
    }

    @Test
    void theGoodFileParses() throws Exception {
        var s = ScenarioFiles.parse("mine.json", good().toPrettyString());
        assertThat(s.name()).isEqualTo("alternates-retry");
        assertThat(s.steps()).isNotEmpty();
        assertThat(s.workload().faults().failNextBuilds()).containsEntry("cn-1", 1);
    }

    @Test
    void brokenJsonNamesLineAndColumn() {
        InputProblemException e = catchThrowableOfType(() -> ScenarioFiles.parse("mine.json", "{\n  \"name\": \"x\",\n  oops\n}"),
                InputProblemException.class);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("mine.json").contains("not valid JSON");
    }

    @Test
    void anUnknownFieldIsNamedWithItsLine() throws Exception {
        InputProblemException e = problem(s -> s.put("sead", 3));
        assertThat(e.detail()).contains("unknown field 'sead'");
        assertThat(e.path()).isEqualTo("sead");
        assertThat(e.line()).isPositive();
    }

    /** Found by ScenarioFuzzTest: a missing field has no place of its own; it is placed at its object. */
    @Test
    void aMissingFieldIsPlacedAtTheObjectThatLacksIt() throws Exception {
        InputProblemException top = problem(s -> s.remove("summary"));
        assertThat(top.path()).isEqualTo("summary");
        assertThat(top.getMessage()).startsWith("mine.json:1:1: summary: missing summary");
        InputProblemException inStep = problem(s -> ((ObjectNode) s.get("steps").get(1)).remove("title"));
        assertThat(inStep.path()).isEqualTo("steps[1].title");
        assertThat(inStep.line()).as("the line of steps[1]").isGreaterThan(1);
    }

    @Test
    void anUnknownEra() throws Exception {
        InputProblemException e = problem(s -> s.put("era", "victoria"));
        assertThat(e.path()).isEqualTo("era");
        assertThat(e.detail()).contains("victoria");
    }

    @Test
    void aStepWithAnEventTypeThatDoesNotExist() throws Exception {
        InputProblemException e = problem(s -> ((ObjectNode) s.get("steps").get(2).get("at")).put("type", "exploded"));
        assertThat(e.path()).isEqualTo("steps[2].at.type");
        assertThat(e.detail()).contains("no event type 'exploded'");
    }

    @Test
    void aStepOnAComparisonRunThatDoesNotExist() throws Exception {
        InputProblemException e = problem(s -> ((ObjectNode) s.get("steps").get(1)).put("compare", true));
        assertThat(e.path()).isEqualTo("steps[1].compare");
        assertThat(e.detail()).contains("no compare_era");
    }

    @Test
    void aHighlightThatIsNotKindColonName() throws Exception {
        InputProblemException e = problem(s -> ((ObjectNode) s.get("steps").get(0)).putArray("highlight").add("cn-1"));
        assertThat(e.path()).isEqualTo("steps[0].highlight");
        assertThat(e.detail()).contains("host:NAME");
    }

    @Test
    void noStepsAtAll() throws Exception {
        InputProblemException e = problem(s -> s.putArray("steps"));
        assertThat(e.path()).isEqualTo("steps");
    }

    @Test
    void aWorkloadNamingAFlavorTheModelLacksIsPlacedInsideTheWorkload() throws Exception {
        InputProblemException e = problem(s -> ((ObjectNode) s.get("workload").get("arrivals").get(0)).put("flavor", "m9.huge"));
        assertThat(e.path()).startsWith("workload.arrivals");
        assertThat(e.detail()).contains("m9.huge");
        assertThat(e.line()).as("the line inside the scenario file").isGreaterThan(1);
    }

    @Test
    void aModelProblemIsPlacedInsideTheModel() throws Exception {
        InputProblemException e = problem(s -> ((ObjectNode) s.get("model").get("hosts").get(0)).put("cell", "cell9"));
        assertThat(e.path()).startsWith("model");
        assertThat(e.getMessage()).contains("cell9");
    }

    @Test
    void anUnknownBuiltInName() {
        assertThatThrownBy(() -> ScenarioFiles.builtIn("no-such-story")).isInstanceOf(InputProblemException.class)
                .hasMessageContaining("no scenario 'no-such-story'");
    }

    @Test
    void aStepWhoseEventNeverHappensIsNamedWhenPlayed() throws Exception {
        ObjectNode s = good();
        ArrayNode steps = (ArrayNode) s.get("steps");
        ((ObjectNode) steps.get(3).get("at")).put("instance", 7);
        var scenario = ScenarioFiles.parse("mine.json", s.toPrettyString());
        assertThatThrownBy(() -> ScenarioRun.play(scenario)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("step 4").hasMessageContaining("build_failed event of instance #7");
    }
}
