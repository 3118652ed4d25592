package io.inkwell.common.web;

import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.FieldError;
import java.util.List;

/** Query parameters read strictly: a value we do not understand is a 400, never a silent default. */
public final class QueryParams {

    private QueryParams() {
    }

    /** true or false (any case); absent is false. */
    public static boolean flag(String name, String value, List<FieldError> errors) {
        // Empty never arrives: QueryParametersFilter refuses it with a 400.
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        errors.add(new FieldError(name, "Must be true or false."));
        return false;
    }

    public static boolean flag(String name, String value) {
        List<FieldError> errors = new java.util.ArrayList<>();
        boolean result = flag(name, value, errors);
        if (!errors.isEmpty()) {
            throw new BadRequestException("Invalid query parameter.", errors);
        }
        return result;
    }
}
