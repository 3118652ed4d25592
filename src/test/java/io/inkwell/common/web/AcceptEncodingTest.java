package io.inkwell.common.web;

import static io.inkwell.common.web.ContentCoding.BROTLI;
import static io.inkwell.common.web.ContentCoding.GZIP;
import static io.inkwell.common.web.ContentCoding.IDENTITY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which coding a body goes out in, for the Accept-Encoding values clients send. */
class AcceptEncodingTest {

    private static final List<ContentCoding> BOTH = List.of(BROTLI, GZIP);

    @Test
    void withoutTheHeaderTheBodyIsSentAsItIs() {
        assertEquals(IDENTITY, choose(null));
        assertEquals(IDENTITY, choose(List.of()));
        assertEquals(IDENTITY, choose(List.of("")), "an empty header asks for no coding");
    }

    @Test
    void theBestCodingTheClientTakesWins() {
        assertEquals(BROTLI, choose(List.of("gzip, deflate, br, zstd")), "a browser over HTTPS");
        assertEquals(GZIP, choose(List.of("gzip, deflate")), "a browser over plain HTTP, Node's fetch");
        assertEquals(GZIP, choose(List.of("GZip")), "codings are case-insensitive");
        assertEquals(GZIP, choose(List.of("x-gzip")), "the old name of gzip");
        assertEquals(BROTLI, choose(List.of("*")));
    }

    @Test
    void weightsDecide() {
        assertEquals(IDENTITY, choose(List.of("gzip;q=0")));
        assertEquals(IDENTITY, choose(List.of("gzip ; Q=0.000")));
        assertEquals(GZIP, choose(List.of("br;q=0.4, gzip;q=0.8")));
        assertEquals(GZIP, choose(List.of("br;q=0, *")), "* covers only what is not named");
        assertEquals(IDENTITY, choose(List.of("gzip;q=0.5, identity")), "identity preferred");
        assertEquals(GZIP, choose(List.of("identity;q=0.5, gzip")));
        assertEquals(GZIP, choose(List.of("gzip, *;q=0")), "* refuses only what the header does not name");
        assertEquals(IDENTITY, choose(List.of("*;q=0")), "nothing acceptable: identity, as the RFC advises");
        assertEquals(IDENTITY, choose(List.of("gzip;q=1.5")), "a malformed weight is ignored");
        assertEquals(IDENTITY, choose(List.of("gzip;q=abc")));
    }

    @Test
    void severalHeaderLinesAreOneList() {
        assertEquals(GZIP, choose(List.of("br;q=0", "gzip")));
    }

    @Test
    void aBodyWithoutCompressedCopiesGoesOutAsItIs() {
        assertEquals(IDENTITY, AcceptEncoding.of(List.of("gzip, br")).choose(List.of()));
        assertEquals(GZIP, AcceptEncoding.of(List.of("gzip, br")).choose(List.of(GZIP)), "no Brotli on this platform");
    }

    private static ContentCoding choose(List<String> acceptEncoding) {
        return AcceptEncoding.of(acceptEncoding).choose(BOTH);
    }
}
