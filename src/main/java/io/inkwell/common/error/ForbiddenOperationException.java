package io.inkwell.common.error;

/** The token's role allows this kind of change, but not on this resource (someone else's post). */
public class ForbiddenOperationException extends ApiException {
    public ForbiddenOperationException(String detail) {
        super(HttpStatus.FORBIDDEN, detail);
    }
}
