package io.inkwell.common.paging;

import jakarta.ws.rs.QueryParam;

/** The {@code page} and {@code limit} query parameters, bound once for every list ({@code @BeanParam}). */
public class PagingParams {

    @QueryParam("page")
    String page;

    @QueryParam("limit")
    String limit;

    /** Whether the request named a page (rather than taking the first by default). */
    public boolean hasPage() {
        return page != null;
    }

    /** The page asked for; a bad value is a 400 naming it. */
    public PageRequest toPageRequest() {
        return PageRequest.parse(page, limit);
    }
}
