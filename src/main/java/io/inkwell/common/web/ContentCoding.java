package io.inkwell.common.web;

/** How a response body is encoded on the wire: the token of its {@code Content-Encoding} header. */
public enum ContentCoding {
    BROTLI("br"),
    GZIP("gzip"),
    IDENTITY("identity");

    private final String token;

    ContentCoding(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
