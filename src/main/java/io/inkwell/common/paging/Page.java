package io.inkwell.common.paging;

import java.util.List;

/** Every list response: {@code {"items": [...], "pagination": {...}}}. */
public record Page<T>(List<T> items, Pagination pagination) {
}
