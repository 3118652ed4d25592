package io.inkwell.common.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A PATCH body over a request record {@code T}: a field sent replaces, a field left out stays,
 * {@code null} clears. Its JSON was already checked for unknown fields and wrong types when it
 * was read ({@link RequestReader#readMergePatch}); the service applies it to the current values,
 * in the same record type, and gets the merged values back, validated as a whole, so that one
 * 422 names every bad field. A field that cannot be cleared says so with
 * {@code @NotNull(message = MergePatch.NOT_CLEARABLE)}: after the merge it can only be null
 * when the client sent null.
 *
 * <pre>{@code
 * // resource
 * return service.update(id, reader.readMergePatch(body, UpdatePostRequest.class));
 * // service, in the transaction
 * Post post = lockForWrite(id, ifMatch);
 * MergePatch.Merged<UpdatePostRequest> edit = patch.applyTo(UpdatePostRequest.of(post));
 * post.title = edit.values().title().strip();
 * if (edit.changed(UpdatePostRequest::tags)) { ... }
 * }</pre>
 *
 * The merge is shallow: a sent object ({@code featureImage}, {@code meta}) replaces the whole
 * current one.
 */
public final class MergePatch<T> {

    public static final String NOT_CLEARABLE = "Cannot be null; omit it to keep the current value.";

    private final ObjectNode body;
    private final Class<T> type;
    private final ObjectMapper mapper;
    private final RequestReader reader;

    MergePatch(ObjectNode body, Class<T> type, ObjectMapper mapper, RequestReader reader) {
        this.body = body;
        this.type = type;
        this.mapper = mapper;
        this.reader = reader;
    }

    /**
     * The current values with the sent fields laid over them, or a 422 naming every sent field
     * that breaks a constraint. Current values the client did not send are not its to fix, so
     * they are not reported.
     */
    public Merged<T> applyTo(T current) {
        ObjectNode merged = mapper.valueToTree(current);
        merged.setAll(body);
        T values = reader.convert(merged, type);
        reader.validate(values, sentFields());
        return new Merged<>(current, values);
    }

    /** The top-level fields the client sent: only they can be wrong. */
    private Set<String> sentFields() {
        Set<String> fields = new LinkedHashSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    /** The values before and after the patch. */
    public record Merged<T>(T current, T values) {

        /** Whether the patch gives this field another value than it has. */
        public boolean changed(Function<? super T, ?> field) {
            return !Objects.equals(field.apply(current), field.apply(values));
        }
    }
}
