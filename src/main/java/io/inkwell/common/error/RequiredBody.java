package io.inkwell.common.error;

import jakarta.validation.Payload;

/**
 * Marks the {@code @NotNull} of a request body ({@code @NotNull(payload = RequiredBody.class)}):
 * no body, or the JSON {@code null}, is a 400 naming {@code body}, as unreadable input is, not a
 * 422 naming a Java parameter.
 */
public interface RequiredBody extends Payload {
}
