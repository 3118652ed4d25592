package io.inkwell.common.web;

import io.inkwell.common.Times;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * JSON input as the contract says it: UTF-8 bytes, one value with no key given twice and nothing
 * after it; a text field takes a string (not 5, not true), a whole-number field takes a JSON
 * integer (not "60", not 60.5, not true), an enum takes its name (not its
 * index), a date-time takes an RFC 3339 string with a four-digit year (not a number of seconds,
 * not an empty string); and no string or key, in typed fields or free {@code meta} objects
 * alike, may hold a NUL character, which PostgreSQL text cannot store, or half of a surrogate
 * pair, which is no character at all.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    public static final String NUL_MESSAGE = "Contains a NUL character, which text cannot hold.";
    static final String SURROGATE_MESSAGE = "Contains half of a UTF-16 surrogate pair, which is not a character.";
    static final String DATE_TIME_MESSAGE = "Must be an RFC 3339 date-time with a four-digit year, 0001 to 9999 in UTC,"
            + " such as 2017-02-21T09:02:03Z.";
    public static final String DUPLICATE_MESSAGE = "Given twice in the same object.";
    static final String NUMBER_MESSAGE = "A number whose exponent is beyond what can be stored.";

    /** RFC 3339 section 5.6; the year has exactly four digits, so 0000 to 9999. */
    private static final Pattern RFC_3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    /** Last, so that these deserializers replace those of the modules Quarkus registers (java.time). */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // Numbers in free JSON (meta) as written: as doubles, 1e400 became the string "Infinity",
        // 1E+2 came back as 100.0 and 0.1000000000000000000001 as 0.1.
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory().setInputDecorator(new Utf8Only());
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("inkwell-strict-json")
                .addDeserializer(String.class, new Strings())
                .addDeserializer(OffsetDateTime.class, new DateTimes())
                .addDeserializer(JsonNode.class, typed(new Trees(JsonNodeDeserializer.getDeserializer(JsonNode.class))))
                .addDeserializer(ObjectNode.class, typed(new Trees(JsonNodeDeserializer.getDeserializer(ObjectNode.class)))));
    }

    /**
     * A field refused by one of these rules, with the message the client sees. Jackson adds the
     * path to it as the exception travels up through the objects around the field.
     */
    public static final class Refused extends InvalidFormatException {
        private static final long serialVersionUID = 1L;

        Refused(JsonParser parser, String message, Object value, Class<?> type) {
            super(parser, message, value, type);
        }
    }

    /** Bytes that are not UTF-8 (invalid, overlong, surrogates, cut off), with the offset of the first. */
    public static final class NotUtf8 extends JsonParseException {
        private static final long serialVersionUID = 1L;

        NotUtf8(long offset) {
            super(null, "Not valid UTF-8 (at byte " + offset + ").");
        }
    }

    /** The path of the key a {@code STRICT_DUPLICATE_DETECTION} failure is about, e.g. {@code meta.x}. */
    public static Optional<String> duplicateKey(JsonParseException e) {
        JsonParser parser = e.getProcessor();
        if (parser == null || e.getOriginalMessage() == null || !e.getOriginalMessage().startsWith("Duplicate")) {
            return Optional.empty();
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
                context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                parts.addFirst("." + context.getCurrentName());
            } else if (context.inArray()) {
                parts.addFirst("[" + context.getCurrentIndex() + "]");
            }
        }
        String path = String.join("", parts);
        return path.isEmpty() ? Optional.empty() : Optional.of(path.startsWith(".") ? path.substring(1) : path);
    }

    /** Why text cannot be stored or is no text at all, or null when it is fine. */
    public static String problemWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return NUL_MESSAGE;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return SURROGATE_MESSAGE;
            }
        }
        return null;
    }

    static final class Strings extends StdScalarDeserializer<String> {
        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getText();
            String problem = problemWith(text);
            if (problem != null) {
                throw new Refused(parser, problem, text, String.class);
            }
            return text;
        }
    }

    /** RFC 3339 text only: Jackson would also take numbers (epoch seconds), "" (null) and years past 9999. */
    static final class DateTimes extends StdScalarDeserializer<OffsetDateTime> {
        DateTimes() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
            }
            String text = parser.getText();
            if (!RFC_3339.matcher(text).matches()) {
                throw new Refused(parser, DATE_TIME_MESSAGE, text, OffsetDateTime.class);
            }
            try {
                OffsetDateTime time = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                if (!Times.inWritableYears(time)) {
                    throw new Refused(parser, DATE_TIME_MESSAGE, text, OffsetDateTime.class);
                }
                return time.atZoneSameInstant(context.getTimeZone().toZoneId()).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw new Refused(parser, DATE_TIME_MESSAGE, text, OffsetDateTime.class);
            }
        }
    }

    /** Free JSON ({@code meta}, PATCH bodies): every key and string checked like a text field. */
    static final class Trees extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        Trees(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Trees(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonStreamContext tree = parser.getParsingContext();
            Object value;
            try {
                value = super.deserialize(parser, context);
            } catch (NumberFormatException e) {
                // 1e999999999999: Jackson's BigDecimal reader throws this bare, which was a 500.
                throw refusedWhereTheParserIs(parser, tree, NUMBER_MESSAGE);
            }
            if (value instanceof JsonNode node) {
                check(node, parser);
            }
            return value;
        }

        /** Named by its path inside this tree; the fields around the tree add theirs as it travels up. */
        private static Refused refusedWhereTheParserIs(JsonParser parser, JsonStreamContext tree, String message) {
            Refused refused = new Refused(parser, message, null, BigDecimal.class);
            for (JsonStreamContext context = parser.getParsingContext(); context != null && context != tree.getParent();
                    context = context.getParent()) {
                if (context.inObject() && context.getCurrentName() != null) {
                    refused.prependPath(null, context.getCurrentName());
                } else if (context.inArray()) {
                    refused.prependPath(null, context.getCurrentIndex());
                }
            }
            return refused;
        }

        private static void check(JsonNode node, JsonParser parser) throws JsonMappingException {
            Optional<TextProblem> problem = textProblem(node);
            if (problem.isPresent()) {
                Refused refused = new Refused(parser, problem.get().message(), null, String.class);
                List<Object> path = problem.get().path();
                for (int i = path.size() - 1; i >= 0; i--) {
                    Object step = path.get(i);
                    if (step instanceof Integer index) {
                        refused.prependPath(null, index);
                    } else {
                        refused.prependPath(null, (String) step);
                    }
                }
                throw refused;
            }
        }
    }

    /**
     * Where a tree holds text that cannot be stored: the path to it (keys and list indexes; for a
     * bad key, the path of the object holding it, as the key itself cannot be shown) and why.
     */
    public record TextProblem(List<Object> path, String message) {

        /** The path as {@code meta.k[0]}. */
        public String dotted() {
            StringBuilder dotted = new StringBuilder();
            for (Object step : path) {
                if (step instanceof Integer index) {
                    dotted.append('[').append(index).append(']');
                } else {
                    dotted.append(dotted.isEmpty() ? "" : ".").append(step);
                }
            }
            return dotted.toString();
        }
    }

    /** The first key or text in the tree that no text column can hold ({@link #problemWith}), if any. */
    public static Optional<TextProblem> textProblem(JsonNode node) {
        if (node.isTextual()) {
            return Optional.ofNullable(problemWith(node.textValue())).map(problem -> new TextProblem(List.of(), problem));
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String problem = problemWith(field.getKey());
                if (problem != null) {
                    return Optional.of(new TextProblem(List.of(),
                            "A key " + Character.toLowerCase(problem.charAt(0)) + problem.substring(1)));
                }
                Optional<TextProblem> inside = textProblem(field.getValue());
                if (inside.isPresent()) {
                    return Optional.of(under(field.getKey(), inside.get()));
                }
            }
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            Optional<TextProblem> inside = textProblem(node.get(i));
            if (inside.isPresent()) {
                return Optional.of(under(i, inside.get()));
            }
        }
        return Optional.empty();
    }

    private static TextProblem under(Object step, TextProblem problem) {
        List<Object> path = new ArrayList<>(problem.path().size() + 1);
        path.add(step);
        path.addAll(problem.path());
        return new TextProblem(path, problem.message());
    }

    @SuppressWarnings("unchecked")
    private static <T> JsonDeserializer<T> typed(JsonDeserializer<?> deserializer) {
        return (JsonDeserializer<T>) deserializer;
    }

    /** Every byte stream the mapper reads is checked as UTF-8 while it is read; text input is Java text already. */
    static final class Utf8Only extends InputDecorator {
        private static final long serialVersionUID = 1L;

        @Override
        public InputStream decorate(IOContext context, InputStream in) {
            return new Utf8CheckingStream(in);
        }

        @Override
        public InputStream decorate(IOContext context, byte[] bytes, int offset, int length) {
            return new Utf8CheckingStream(new ByteArrayInputStream(bytes, offset, length));
        }

        @Override
        public Reader decorate(IOContext context, Reader reader) {
            return reader;
        }
    }

    /**
     * Passes bytes through and fails on the first that breaks UTF-8 as RFC 3629 defines it:
     * no overlong forms, no encoded surrogates, nothing past U+10FFFF, no sequence cut off.
     */
    static final class Utf8CheckingStream extends FilterInputStream {
        private long offset;
        /** Continuation bytes still expected, and the range allowed for the next one. */
        private int expected;
        private int low = 0x80;
        private int high = 0xBF;

        Utf8CheckingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                end();
            } else {
                check(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int start, int length) throws IOException {
            int read = in.read(buffer, start, length);
            if (read < 0) {
                end();
            }
            for (int i = 0; i < read; i++) {
                check(buffer[start + i] & 0xFF);
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes would go unchecked; Jackson never skips input.
            throw new IOException("skip is not supported");
        }

        private void end() throws NotUtf8 {
            if (expected > 0) {
                throw new NotUtf8(offset);
            }
        }

        private void check(int b) throws NotUtf8 {
            if (expected > 0) {
                if (b < low || b > high) {
                    throw new NotUtf8(offset);
                }
                expected--;
                low = 0x80;
                high = 0xBF;
            } else if (b >= 0x80) {
                if (b >= 0xC2 && b <= 0xDF) {
                    expected = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    expected = 2;
                    low = b == 0xE0 ? 0xA0 : 0x80;
                    high = b == 0xED ? 0x9F : 0xBF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    expected = 3;
                    low = b == 0xF0 ? 0x90 : 0x80;
                    high = b == 0xF4 ? 0x8F : 0xBF;
                } else {
                    throw new NotUtf8(offset);
                }
            }
            offset++;
        }
    }
}
