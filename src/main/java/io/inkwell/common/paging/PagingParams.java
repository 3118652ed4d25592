package io.inkwell.common.paging;

import jakarta.ws.rs.QueryParam;

/** The {@code page} and {@code limit} query parameters, bound once for every list ({@code @BeanParam}). */
public class PagingParams {

    @QueryParam("page")
    String page;

    @QueryParam("limit")
    String limit;

    /** The page asked for; a bad value is a 400 naming it. */
    public PageRequest toPageRequest() {
        return PageRequest.parse(page, limit);
    }
}
