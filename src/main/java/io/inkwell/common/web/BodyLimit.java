package io.inkwell.common.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which limit {@link BodyLimitFilter} holds a resource method's body to. A method without it
 * takes a small body read into memory (JSON, or the optional publish body): {@link Kind#JSON}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface BodyLimit {

    Kind value();

    enum Kind {
        /** Read into memory: {@code inkwell.max-json-bytes}, and a declared length is required. */
        JSON,
        /** An image upload, raw or multipart: {@code inkwell.images.max-bytes}. */
        IMAGE,
        /** Streamed to disk and capped while read by the method itself (archive imports). */
        STREAMED
    }
}
