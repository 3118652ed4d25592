package io.inkwell.imports;

/** The whole upload is refused: nothing of an archive that breaks a rule is imported. */
public class ArchiveRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ArchiveRejectedException(String message) {
        super(message);
    }

    public ArchiveRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
