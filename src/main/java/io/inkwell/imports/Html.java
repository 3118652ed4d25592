package io.inkwell.imports;

/** The little HTML escaping the import needs for attributes and text it writes itself. */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Undoes {@link #escape} and numeric references, so that an attribute value can be looked up. */
    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);")
                .matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> codePoint(entity).orElse(m.group());
            };
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static java.util.Optional<String> codePoint(String numericEntity) {
        boolean hex = numericEntity.charAt(1) == 'x' || numericEntity.charAt(1) == 'X';
        try {
            int codePoint = Integer.parseInt(numericEntity.substring(hex ? 2 : 1), hex ? 16 : 10);
            return Character.isValidCodePoint(codePoint)
                    ? java.util.Optional.of(new String(Character.toChars(codePoint))) : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
