package dev.placementstudio.model;

import java.util.List;

/** A model that breaks the rules; carries every problem found, first one first. */
public final class InvalidModelException extends Exception {
    private final transient List<ModelProblem> problems;

    public InvalidModelException(List<ModelProblem> problems) {
        super(problems.isEmpty() ? "invalid model" : problems.get(0).toString());
        this.problems = List.copyOf(problems);
    }

    public List<ModelProblem> problems() {
        return problems;
    }
}
