package dev.placementstudio.io;

import java.nio.file.Path;

/**
 * Bad input: a broken or invalid file, located as precisely as we can (line and column in the file, and
 * the JSON path of the offending value). Printed by the CLI as {@code file:line:col: message}.
 */
public final class InputProblemException extends Exception {
    private final String file;
    private final int line;
    private final int column;
    private final String path;
    private final String detail;

    public InputProblemException(String file, int line, int column, String path, String detail) {
        super(format(file, line, column, path, detail));
        this.file = file;
        this.line = line;
        this.column = column;
        this.path = path == null ? "" : path;
        this.detail = detail;
    }

    public InputProblemException(Path file, String detail) {
        this(file == null ? "<input>" : file.toString(), 0, 0, "", detail);
    }

    public String file() {
        return file;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** JSON path of the problem ({@code hosts[3].numaNodes[1].cpus}), or empty. */
    public String path() {
        return path;
    }

    public String detail() {
        return detail;
    }

    private static String format(String file, int line, int column, String path, String detail) {
        StringBuilder sb = new StringBuilder(file == null ? "<input>" : file);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(Math.max(column, 1));
        }
        sb.append(": ");
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(detail).toString();
    }
}
