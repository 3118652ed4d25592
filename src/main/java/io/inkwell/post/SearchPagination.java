package io.inkwell.post;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.inkwell.common.paging.Pagination;

/**
 * A search page's pagination: a list's, and whether {@code total} is only a lower bound (a
 * query matching more than {@link PostSearch#RANKED_MATCHES} posts is not counted further).
 */
record SearchPagination(@JsonUnwrapped Pagination pagination, boolean totalIsLowerBound) {
}
