package io.inkwell.post;

import io.inkwell.common.paging.Pagination;

/**
 * A search page's pagination: a list's, and whether {@code total} is only a lower bound (a
 * query matching more than {@link PostSearch#RANKED_MATCHES} posts is not counted further).
 */
record SearchPagination(int page, int limit, long total, int pages, boolean totalIsLowerBound) {

    static SearchPagination of(Pagination pagination, boolean totalIsLowerBound) {
        return new SearchPagination(pagination.page(), pagination.limit(), pagination.total(), pagination.pages(),
                totalIsLowerBound);
    }
}
