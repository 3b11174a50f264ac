package dev.placementstudio.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Each way an instance can be wrong is still named at its place (the sound ones are checked on a fast path). */
class InstanceChecksTest {
    private static final CloudModel MODEL = CloudGenerator.generate(new CloudGenerator.Options(6, 2, 0, 0, 0, 0, false, 0.3, 4));

    private static List<ModelProblem> withSecond(UnaryOperator<Instance> change) {
        List<Instance> all = new ArrayList<>(MODEL.instances());
        all.set(1, change.apply(all.get(1)));
        return ModelValidator.validate(MODEL.withInstances(all));
    }

    private static Instance copy(Instance i, String uuid, String flavor, String image, String host, String cell,
                                 InstanceState state, String group) {
        return new Instance(i.name(), uuid, flavor, image, host, cell, state, group, i.ports(), i.projectId(),
                i.userId(), i.allocations());
    }

    @Test
    void everyKindOfBrokenInstanceIsNamedAtItsPlace() {
        assertThat(ModelValidator.validate(MODEL)).isEmpty();
        assertThat(MODEL.instances().size()).isGreaterThan(2);
        Instance i = MODEL.instances().get(1);
        assertThat(withSecond(x -> copy(x, "not-a-uuid", x.flavor(), x.image(), x.host(), x.cell(), x.state(), null)))
                .extracting(ModelProblem::path).contains("instances[1].uuid");
        assertThat(withSecond(x -> copy(x, x.uuid(), "m9.huge", x.image(), x.host(), x.cell(), x.state(), null)))
                .extracting(ModelProblem::path).contains("instances[1].flavor");
        assertThat(withSecond(x -> copy(x, x.uuid(), x.flavor(), "no-image", x.host(), x.cell(), x.state(), null)))
                .extracting(ModelProblem::path).contains("instances[1].image");
        assertThat(withSecond(x -> copy(x, x.uuid(), x.flavor(), x.image(), x.host(), x.cell(), x.state(), "no-group")))
                .extracting(ModelProblem::path).contains("instances[1].serverGroup");
        assertThat(withSecond(x -> copy(x, x.uuid(), x.flavor(), x.image(), "cn-999", x.cell(), x.state(), null)))
                .extracting(ModelProblem::path).contains("instances[1].host");
        String otherCell = i.cell().equals("cell1") ? "cell2" : "cell1";
        assertThat(withSecond(x -> copy(x, x.uuid(), x.flavor(), x.image(), x.host(), otherCell, x.state(), null)))
                .extracting(ModelProblem::path).contains("instances[1].cell");
        assertThat(withSecond(x -> copy(x, x.uuid(), x.flavor(), x.image(), null, null, InstanceState.ACTIVE, null)))
                .extracting(ModelProblem::path).contains("instances[1].host");
    }
}
