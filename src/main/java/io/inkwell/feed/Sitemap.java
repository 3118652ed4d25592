package io.inkwell.feed;

import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A sitemap (https://www.sitemaps.org/protocol.html) of the given URLs: one {@code urlset} while
 * they fit in {@code maxUrls}, else a {@code sitemapindex} of numbered parts of at most
 * {@code maxUrls} each. Written with the JDK's StAX writer, which escapes what XML needs.
 */
final class Sitemap {

    static final String NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    /** One address and when its page last changed (null: unknown, no lastmod). */
    record Url(String loc, OffsetDateTime lastmod) {
    }

    private final List<Url> urls;
    private final int maxUrls;
    /** The absolute address of part n (1-based). */
    private final IntFunction<String> partUrl;

    Sitemap(List<Url> urls, int maxUrls, IntFunction<String> partUrl) {
        this.urls = urls;
        this.maxUrls = maxUrls;
        this.partUrl = partUrl;
    }

    boolean isIndex() {
        return urls.size() > maxUrls;
    }

    int parts() {
        return isIndex() ? (urls.size() + maxUrls - 1) / maxUrls : 0;
    }

    /** sitemap.xml: every URL, or the index of the parts. */
    String root() {
        if (!isIndex()) {
            return urlset(urls);
        }
        return write(xml -> {
            xml.writeStartElement("sitemapindex");
            xml.writeDefaultNamespace(NAMESPACE);
            for (int n = 1; n <= parts(); n++) {
                xml.writeStartElement("sitemap");
                element(xml, "loc", partUrl.apply(n));
                Optional<OffsetDateTime> newest = part(n).stream().map(Url::lastmod).filter(Objects::nonNull)
                        .max(Comparator.naturalOrder());
                if (newest.isPresent()) {
                    element(xml, "lastmod", w3c(newest.get()));
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    /** Part n of an index; empty when there is no index or no such part. */
    Optional<String> rootPart(int n) {
        return n >= 1 && n <= parts() ? Optional.of(urlset(part(n))) : Optional.empty();
    }

    private List<Url> part(int n) {
        return urls.subList((n - 1) * maxUrls, Math.min(urls.size(), n * maxUrls));
    }

    private static String urlset(List<Url> urls) {
        return write(xml -> {
            xml.writeStartElement("urlset");
            xml.writeDefaultNamespace(NAMESPACE);
            for (Url url : urls) {
                xml.writeStartElement("url");
                element(xml, "loc", url.loc());
                if (url.lastmod() != null) {
                    element(xml, "lastmod", w3c(url.lastmod()));
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(NAMESPACE);
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write a sitemap", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    /** W3C Datetime, to the second, in UTC. */
    private static String w3c(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    }
}
