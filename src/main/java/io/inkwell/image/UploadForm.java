package io.inkwell.image;

import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.web.StrictJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/**
 * The parts of an image upload form: one {@code file}, at most one {@code alt} and one
 * {@code caption}. Read from the whole form, so that a part a client thought mattered (a second
 * file, a misspelt {@code titel}) is refused (400, naming each) rather than ignored, as unknown
 * JSON fields are.
 */
record UploadForm(FormValue file, String alt, String caption) {

    private static final String FILE = "file";
    private static final String ALT = "alt";
    private static final String CAPTION = "caption";
    private static final Set<String> PARTS = Set.of(FILE, ALT, CAPTION);

    static UploadForm read(MultipartFormDataInput form) {
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, Collection<FormValue>> part : form.getValues().entrySet()) {
            boolean unnamed = part.getKey() == null || part.getKey().isEmpty();
            String name = unnamed ? "part" : part.getKey();
            if (unnamed || !PARTS.contains(part.getKey())) {
                errors.add(new FieldError(name, unnamed
                        ? "A part without a name: the form takes file, alt and caption."
                        : "Unknown part: the form takes file, alt and caption."));
            } else if (part.getValue().size() > 1) {
                errors.add(new FieldError(name, "Sent " + part.getValue().size() + " times: send it once"
                        + (part.getKey().equals(FILE) ? " (one image an upload)." : ".")));
            } else if (!part.getKey().equals(FILE) && part.getValue().iterator().next().isFileItem()) {
                errors.add(new FieldError(name, "Send it as a text field, not as a file."));
            } else if (!part.getKey().equals(FILE) && part.getValue().iterator().next().getValue().indexOf('\0') >= 0) {
                // As in JSON and query parameters: PostgreSQL text cannot hold it (a 500 at the insert).
                errors.add(new FieldError(name, StrictJson.NUL_MESSAGE));
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("The form has parts this operation does not take.", errors);
        }
        FormValue file = first(form, FILE);
        return new UploadForm(file == null || !file.isFileItem() ? null : file, text(form, ALT), text(form, CAPTION));
    }

    private static FormValue first(MultipartFormDataInput form, String name) {
        Collection<FormValue> values = form.getValues().get(name);
        return values == null || values.isEmpty() ? null : values.iterator().next();
    }

    /** A text part's value ({@link #read} refused one sent as a file). */
    private static String text(MultipartFormDataInput form, String name) {
        FormValue value = first(form, name);
        return value == null ? null : value.getValue();
    }
}
