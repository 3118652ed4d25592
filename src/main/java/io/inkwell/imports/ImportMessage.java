package io.inkwell.imports;

/**
 * A warning or error about one file of an import. {@code line} is 1-based and null when the
 * problem is not tied to a line.
 */
public record ImportMessage(String path, Integer line, String message) {

    /**
     * Places a message computed on a post's body (line 1 = first body line, no path) in its file,
     * whose body begins on {@code bodyFirstLine}.
     */
    public ImportMessage locatedIn(String filePath, int bodyFirstLine) {
        return new ImportMessage(filePath, line == null ? null : line + bodyFirstLine - 1, message);
    }

    @Override
    public String toString() {
        String where = path == null ? "" : path;
        if (line != null) {
            where += (where.isEmpty() ? "line " : ", line ") + line;
        }
        return where.isEmpty() ? message : where + ": " + message;
    }
}
