package io.inkwell.common.web;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An Admin API write that takes one of the server's write slots for its whole run
 * (INKWELL_WRITES_MAX_CONCURRENT, {@link WriteSlots}): however many clients write at once, only
 * that many writes use the CPU, and the rest of it is left to readers.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WriteSlot {
}
