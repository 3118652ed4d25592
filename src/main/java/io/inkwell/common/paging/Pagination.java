package io.inkwell.common.paging;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where a page of a list is; {@code page} is absent for a page asked for by cursor. */
public record Pagination(@JsonInclude(JsonInclude.Include.NON_NULL) Integer page, int limit, long total, int pages) {

    public Pagination withoutPage() {
        return new Pagination(null, limit, total, pages);
    }
}
