package io.inkwell.common.paging;

import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.FieldError;
import java.util.ArrayList;
import java.util.List;

/** The {@code page} and {@code limit} query parameters every list accepts. */
public record PageRequest(int page, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /** So that (page - 1) * limit always fits the int offsets of JPA and SQL. */
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_LIMIT;

    /** Parses raw query values so a bad one is reported by name rather than as a generic 404. */
    public static PageRequest parse(String page, String limit) {
        List<FieldError> errors = new ArrayList<>();
        int pageNumber = parse("page", page, 1, MAX_PAGE, 1, errors);
        int pageSize = parse("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT, errors);
        if (!errors.isEmpty()) {
            throw new BadRequestException("Invalid paging parameters.", errors);
        }
        return new PageRequest(pageNumber, pageSize);
    }

    public int offset() {
        return (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * limit);
    }

    public <T> Page<T> toPage(List<T> items, long total) {
        return new Page<>(items, pagination(total));
    }

    public Pagination pagination(long total) {
        return new Pagination(page, limit, total, (int) ((total + limit - 1) / limit));
    }

    private static int parse(String name, String raw, int min, int max, int fallback, List<FieldError> errors) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                errors.add(new FieldError(name, "Must be between " + min + " and " + max + "."));
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "Must be a whole number between " + min + " and " + max + "."));
            return fallback;
        }
    }
}
