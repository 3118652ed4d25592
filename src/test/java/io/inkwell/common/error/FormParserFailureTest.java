package io.inkwell.common.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;
import org.junit.jupiter.api.Test;

/**
 * Which failures inside RESTEasy's multipart parser are the client's (400) and which the
 * server's (500). The malformed-header case over HTTP is in ImageApiTest and ImportApiTest; a
 * server whose upload folder cannot be written is hard to make in a test, so it is checked here
 * with the exception RESTEasy throws then (seen in a probe: a RuntimeException around
 * FileAlreadyExistsException, from MultipartParser's frames).
 */
class FormParserFailureTest {

    @Test
    void aMalformedPartHeaderIsTheClients() {
        assertTrue(ProblemMapper.thrownByFormParser(inParser(new StringIndexOutOfBoundsException(16))));
    }

    @Test
    void aPartThatCannotBeWrittenToDiskIsTheServers() {
        assertFalse(ProblemMapper.thrownByFormParser(inParser(new RuntimeException(new FileAlreadyExistsException("uploads")))));
    }

    @Test
    void theSameFailureOutsideTheParserIsTheServers() {
        assertFalse(ProblemMapper.thrownByFormParser(new StringIndexOutOfBoundsException(16)));
    }

    private static RuntimeException inParser(RuntimeException e) {
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("java.lang.String", "charAt", "String.java", 1517),
            new StackTraceElement(MultipartParser.class.getName() + "$ParseState", "headerName", "MultipartParser.java", 194),
        });
        return e;
    }
}
