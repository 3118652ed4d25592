package io.inkwell.imports;

/** One file of an import cannot be read; the others still can. */
public class ImportFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ImportMessage problem;

    public ImportFileException(String path, Integer line, String detail) {
        this(path, line, detail, null);
    }

    public ImportFileException(String path, Integer line, String detail, Throwable cause) {
        super(new ImportMessage(path, line, detail).toString(), cause);
        this.problem = new ImportMessage(path, line, detail);
    }

    public String path() {
        return problem.path();
    }

    /** 1-based line in the file, or null. */
    public Integer line() {
        return problem.line();
    }

    /** The message without path and line. */
    public String detail() {
        return problem.message();
    }
}
