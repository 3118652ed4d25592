package io.inkwell.common.paging;

public record Pagination(int page, int limit, long total, int pages) {
}
