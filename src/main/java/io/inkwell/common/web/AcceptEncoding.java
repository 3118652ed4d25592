package io.inkwell.common.web;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which content codings a request's {@code Accept-Encoding} takes, and how much it prefers each
 * (RFC 9110, section 12.5.3): {@code gzip;q=0} refuses gzip, {@code *} stands for every coding
 * the header does not name, and identity is what is left when nothing else is taken. A request
 * without the header gets identity: the RFC would allow any coding then, but clients that decode
 * nothing (curl, wrk, scripts) are exactly the ones that send none.
 */
public final class AcceptEncoding {

    private static final String ANY = "*";
    private static final Pattern QVALUE = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");
    private static final AcceptEncoding NONE = new AcceptEncoding(Map.of());

    private final Map<String, Double> weights;

    private AcceptEncoding(Map<String, Double> weights) {
        this.weights = weights;
    }

    /** From the header's values (several header lines count as one list); null or empty for none. */
    public static AcceptEncoding of(List<String> headerValues) {
        if (headerValues == null || headerValues.isEmpty()) {
            return NONE;
        }
        Map<String, Double> weights = new HashMap<>();
        for (String value : headerValues) {
            for (String element : value.split(",")) {
                parse(element, weights);
            }
        }
        return new AcceptEncoding(weights);
    }

    /**
     * The coding to send: of {@code offered} (in the server's order of preference), the one the
     * client weighs most, a tie going to the one offered first. Identity competes only when the
     * header names it: {@code br;q=0.4, gzip;q=0.8} asks for gzip, not for identity's default
     * weight of 1. When the client takes none of them, identity, as the RFC advises.
     */
    public ContentCoding choose(List<ContentCoding> offered) {
        ContentCoding best = ContentCoding.IDENTITY;
        double bestWeight = 0;
        for (ContentCoding coding : offered) {
            if (weight(coding) > bestWeight) {
                best = coding;
                bestWeight = weight(coding);
            }
        }
        Double identity = weights.get(ContentCoding.IDENTITY.token());
        return identity != null && identity > bestWeight ? ContentCoding.IDENTITY : best;
    }

    private double weight(ContentCoding coding) {
        Double named = weights.get(coding.token());
        if (named != null) {
            return named;
        }
        return weights.getOrDefault(ANY, 0.0);
    }

    /** One list element, e.g. {@code gzip;q=0.8}; one with a malformed weight is ignored. */
    private static void parse(String element, Map<String, Double> weights) {
        String[] parts = element.split(";");
        String coding = parts[0].strip().toLowerCase(Locale.ROOT);
        if (coding.isEmpty()) {
            return;
        }
        if (coding.equals("x-gzip")) {
            coding = ContentCoding.GZIP.token(); // RFC 9110, 8.4.1.3: the same coding
        }
        double weight = 1;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && parameter.substring(0, 2).equalsIgnoreCase("q=")) {
                String value = parameter.substring(2);
                if (!QVALUE.matcher(value).matches()) {
                    return;
                }
                weight = Double.parseDouble(value);
            }
        }
        weights.putIfAbsent(coding, weight);
    }
}
