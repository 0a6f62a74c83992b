package dev.sweep.dashboards.svg;

/**
 * A small SVG writer: elements with attributes given as name/value pairs, escaped text, and a root element
 * with a viewBox so that the chart scales with its container. Not thread-safe; one instance per chart.
 */
public final class Svg {
    private final StringBuilder out = new StringBuilder(4096);

    /** Opens the root element: {@code width × height} user units, a CSS class and an accessible label. */
    public Svg(double width, double height, String cssClass, String label) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(Fmt.coord(width)).append(' ')
                .append(Fmt.coord(height)).append("\" width=\"").append(Fmt.coord(width)).append("\" height=\"")
                .append(Fmt.coord(height)).append("\" class=\"").append(esc(cssClass))
                .append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\">");
    }

    /** Opens {@code <tag attrs…>}; attributes are name, value, name, value…; a null value skips the pair. */
    public Svg open(String tag, String... attrs) {
        start(tag, attrs);
        out.append('>');
        return this;
    }

    public Svg close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** A self-closing element. */
    public Svg el(String tag, String... attrs) {
        start(tag, attrs);
        out.append("/>");
        return this;
    }

    /** An element holding escaped text. */
    public Svg textEl(String tag, String text, String... attrs) {
        start(tag, attrs);
        out.append('>').append(esc(text)).append("</").append(tag).append('>');
        return this;
    }

    /** A {@code <text>} at (x, y). */
    public Svg text(double x, double y, String text, String... attrs) {
        String[] all = new String[attrs.length + 4];
        all[0] = "x";
        all[1] = Fmt.coord(x);
        all[2] = "y";
        all[3] = Fmt.coord(y);
        System.arraycopy(attrs, 0, all, 4, attrs.length);
        return textEl("text", text, all);
    }

    /** A {@code <title>} child: the browser shows it as a tooltip over its parent. */
    public Svg title(String text) {
        return textEl("title", text);
    }

    public Svg line(double x1, double y1, double x2, double y2, String... attrs) {
        return el("line", concat(new String[] {"x1", Fmt.coord(x1), "y1", Fmt.coord(y1), "x2", Fmt.coord(x2),
                "y2", Fmt.coord(y2)}, attrs));
    }

    public Svg rect(double x, double y, double w, double h, String... attrs) {
        return el("rect", concat(new String[] {"x", Fmt.coord(x), "y", Fmt.coord(y), "width",
                Fmt.coord(Math.max(0, w)), "height", Fmt.coord(Math.max(0, h))}, attrs));
    }

    /** Raw, already well-formed markup (for example a path's data built elsewhere). */
    public Svg raw(String markup) {
        out.append(markup);
        return this;
    }

    public String finish() {
        out.append("</svg>");
        return out.toString();
    }

    private void start(String tag, String[] attrs) {
        if (attrs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs, but got " + attrs.length
                    + " strings for <" + tag + ">");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attrs.length; i += 2) {
            if (attrs[i + 1] != null) {
                out.append(' ').append(attrs[i]).append("=\"").append(esc(attrs[i + 1])).append('"');
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Escapes text for XML/HTML content and attribute values. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
