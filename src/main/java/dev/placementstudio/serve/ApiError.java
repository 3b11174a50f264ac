package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.placement.PlacementException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * An HTTP error as Placement's WSGI stack (webob) sends it: a status, a message, an optional
 * {@code placement.*} error code (shown from microversion 1.23) and extra headers such as {@code allow}.
 * {@link #render} gives webob's body for the client's {@code Accept}: JSON, HTML or plain text.
 */
final class ApiError extends RuntimeException {
    private static final Pattern BR = Pattern.compile("<br.*?>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("<!--|-->");
    private static final Pattern TAG = Pattern.compile("<.*?>", Pattern.DOTALL);
    final int status;
    final String code;
    final Map<String, String> headers = new LinkedHashMap<>();
    /** When the microversion could not be settled (406/400 from the version header): the body carries the range. */
    boolean versionRange;
    /**
     * Raised by middleware outside Placement's JSON error formatter (noauth2's 401): its JSON body is webob's own,
     * {@code message}, {@code code} and {@code title}.
     */
    boolean outsideFormatter;

    ApiError(int status, String message) {
        this(status, PlacementException.UNDEFINED, message);
    }

    ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code == null ? PlacementException.UNDEFINED : code;
    }

    static ApiError of(PlacementException e) {
        return new ApiError(e.status(), e.code(), e.getMessage());
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    static ApiError conflict(String code, String message) {
        return new ApiError(409, code, message);
    }

    ApiError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** webob's title of the status; Jetty refuses some requests with statuses Placement itself never sends. */
    static String title(int status) {
        return switch (status) {
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 414 -> "Request-URI Too Long";
            case 417 -> "Expectation Failed";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> PlacementException.title(status);
        };
    }

    /** webob's explanation of the status, which its default body template puts before the message. */
    private String explanation() {
        return switch (status) {
            case 400 -> "The server could not comply with the request since it is either malformed or otherwise incorrect.";
            case 401 -> "This server could not verify that you are authorized to access the document you requested. "
                    + "Either you supplied the wrong credentials (e.g., bad password), or your browser does not "
                    + "understand how to supply the credentials required.";
            case 403 -> "Access was denied to this resource.";
            case 404 -> "The resource could not be found.";
            case 409 -> "There was a conflict when trying to complete your request.";
            case 405, 406, 415 -> "The server could not comply with the request since it is either malformed or otherwise incorrect.";
            case 408 -> "The server has waited too long for the request to be sent by the client.";
            case 411 -> "Content-Length header required.";
            case 413 -> "The body of your request was too large for this server.";
            case 414 -> "The request URI was too long for this server.";
            case 417 -> "Expectation failed.";
            case 431 -> "The request header fields were too large";
            case 503 -> "The server is currently unavailable. Please try again at a later time.";
            case 505 -> "The HTTP version is not supported.";
            default -> "The server has either erred or is incapable of performing the requested operation.";
        };
    }

    /**
     * webob's body template for the status, filled: 405, 406 and 415 have templates of their own that quote the
     * request (method, {@code Accept}, media type), the others put the explanation, two breaks, the message.
     * Each value goes through {@code escape} (HTML escaping for the HTML body, nothing for the others).
     */
    private String body(String method, String contentType, String accept, UnaryOperator<String> escape) {
        String detail = escape.apply(getMessage() == null ? "" : getMessage());
        return switch (status) {
            case 405 -> "The method " + escape.apply(method) + " is not allowed for this resource. <br /><br />\n" + detail;
            // Placement's request log middleware sets a missing or */* Accept to application/json first
            case 406 -> "The resource could not be generated that was acceptable to your browser\n(content of type "
                    + escape.apply(accept == null || accept.isEmpty() || accept.equals("*/*") ? "application/json" : accept)
                    + ". <br /><br />\n" + detail;
            case 415 -> "The request media type " + escape.apply(contentType)
                    + " is not supported by this server.\n<br /><br />\n" + detail;
            default -> escape.apply(explanation()) + "<br /><br />\n" + detail + "\n\n";
        };
    }

    /** The {@code detail} of the JSON body, and the plain-text body: the filled template through {@code strip_tags}. */
    String detail(String method, String contentType, String accept) {
        return stripTags(body(method, contentType, accept, UnaryOperator.identity()));
    }

    /**
     * {@code webob.exc.strip_tags}: newlines become spaces, a {@code <br>} a newline, and other tags and comment
     * marks go. So a message's own line breaks reach a JSON client as spaces ({@code jsonschema}'s do).
     */
    static String stripTags(String s) {
        String t = s.replace('\n', ' ').replace("\r", "");
        t = BR.matcher(t).replaceAll("\n");
        t = COMMENT.matcher(t).replaceAll("");
        return TAG.matcher(t).replaceAll("");
    }

    /**
     * The body and its content type for a client that accepts {@code accept}: webob offers HTML, then JSON, and
     * sends the one the client gives the higher q (HTML on a tie), or plain text when it takes neither. A missing
     * or {@code *&#47;*} Accept means JSON: Placement's request log middleware sets it so.
     */
    String[] render(String method, String contentType, String accept, Integer microversion, String requestId, int minMv, int maxMv) {
        MediaRanges ranges = accept == null || accept.isBlank() || accept.strip().equals("*/*") ? null : MediaRanges.parse(accept);
        double html = ranges == null ? 0 : ranges.quality("text/html");
        double json = ranges == null ? 1 : ranges.quality("application/json");
        if (html > 0 && html >= json) {
            return new String[]{"text/html; charset=UTF-8", "<html>\n <head>\n  <title>" + status + " " + title(status)
                    + "</title>\n </head>\n <body>\n  <h1>" + status + " " + title(status) + "</h1>\n  "
                    + body(method, contentType, accept, ApiError::escape) + "\n </body>\n</html>"};
        }
        if (json <= 0) {
            return new String[]{"text/plain; charset=UTF-8", status + " " + title(status) + "\n\n"
                    + detail(method, contentType, accept)};
        }
        if (outsideFormatter) {
            // webob's own JSON: the filled template as it is (no strip_tags), the status line as the code
            ObjectNode plain = JsonNodeFactory.instance.objectNode();
            plain.put("message", body(method, contentType, accept, UnaryOperator.identity()))
                    .put("code", status + " " + title(status)).put("title", title(status));
            return new String[]{"application/json", plain.toString()};
        }
        String detail = detail(method, contentType, accept);
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("status", status).put("title", title(status)).put("detail", detail);
        if (microversion != null && microversion >= 23) {
            e.put("code", code);
        }
        e.put("request_id", requestId);
        if (versionRange) {
            e.put("max_version", "1." + maxMv).put("min_version", "1." + minMv);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("errors").add(e);
        return new String[]{"application/json", body.toString()};
    }

    /** webob's {@code html_escape}: {@code html.escape(s, quote=True)}, then non-ASCII as character references. */
    private static String escape(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#x27;");
        StringBuilder sb = new StringBuilder();
        t.codePoints().forEach(c -> {
            if (c < 128) {
                sb.append((char) c);
            } else {
                sb.append("&#").append(c).append(';');
            }
        });
        return sb.toString();
    }
}
