package dev.placementstudio.model;

/**
 * One thing wrong with a model, located by a JSON-style path such as {@code hosts[3].numaNodes[1].cpus}
 * so that the file layer can point at the line and column.
 */
public record ModelProblem(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
