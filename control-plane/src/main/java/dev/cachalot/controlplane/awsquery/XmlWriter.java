package dev.cachalot.controlplane.awsquery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.function.BiConsumer;

/**
 * Writes the XML of AWS Query responses. Elements with a null value are left out, as AWS leaves
 * out members that have no value; lists take the member element name of the service model.
 */
final class XmlWriter {

    private final StringBuilder out = new StringBuilder(1024);

    XmlWriter open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    XmlWriter open(String name, String xmlns) {
        out.append('<').append(name).append(" xmlns=\"").append(xmlns).append("\">");
        return this;
    }

    XmlWriter close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    XmlWriter element(String name, String value) {
        if (value != null) {
            open(name);
            escape(value);
            close(name);
        }
        return this;
    }

    XmlWriter element(String name, Integer value) {
        return value == null ? this : element(name, value.toString());
    }

    XmlWriter element(String name, boolean value) {
        return element(name, Boolean.toString(value));
    }

    /** ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-26T05:00:00.123Z}. */
    XmlWriter element(String name, Instant value) {
        return value == null ? this : element(name, value.truncatedTo(ChronoUnit.MILLIS).toString());
    }

    /** A list: {@code <name><member>…</member>…</name>}, written {@code <name/>} when empty. */
    <T> XmlWriter list(String name, String member, Collection<T> items, BiConsumer<XmlWriter, T> writeItem) {
        if (items.isEmpty()) {
            out.append('<').append(name).append("/>");
            return this;
        }
        open(name);
        for (T item : items) {
            open(member);
            writeItem.accept(this, item);
            close(member);
        }
        return close(name);
    }

    /** Escaped text content, e.g. the items of a list of strings. */
    XmlWriter text(String value) {
        escape(value);
        return this;
    }

    /** An element whose content is written by {@code content}. */
    XmlWriter struct(String name, Runnable content) {
        open(name);
        content.run();
        return close(name);
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // Characters XML 1.0 cannot carry at all, even escaped.
                    boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                            || Character.isSurrogate(c) || (c >= 0xE000 && c <= 0xFFFD);
                    out.append(allowed ? c : '\uFFFD');
                }
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
