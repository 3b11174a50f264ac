package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.placement.PlacementException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP error as Placement's WSGI stack (webob) sends it: a status, a message, an optional
 * {@code placement.*} error code (shown from microversion 1.23) and extra headers such as {@code allow}.
 * {@link #render} gives webob's body for the client's {@code Accept}: JSON, HTML or plain text.
 */
final class ApiError extends RuntimeException {
    final int status;
    final String code;
    final Map<String, String> headers = new LinkedHashMap<>();
    /** When the microversion could not be settled (406/400 from the version header): the body carries the range. */
    boolean versionRange;

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

    static String title(int status) {
        return PlacementException.title(status);
    }

    /** webob's explanation that precedes the message; some quote the request (method, media type, accept). */
    private String explanation(String method, String contentType, String accept) {
        return switch (status) {
            case 400 -> "The server could not comply with the request since it is either malformed or otherwise incorrect.";
            case 401 -> "This server could not verify that you are authorized to access the document you requested. "
                    + "Either you supplied the wrong credentials (e.g., bad password), or your browser does not "
                    + "understand how to supply the credentials required.";
            case 403 -> "Access was denied to this resource.";
            case 404 -> "The resource could not be found.";
            case 405 -> "The method " + method + " is not allowed for this resource. ";
            case 406 -> "The resource could not be generated that was acceptable to your browser (content of type "
                    + (accept == null ? "" : accept) + "). ";
            case 409 -> "There was a conflict when trying to complete your request.";
            case 415 -> "The request media type " + contentType + " is not supported by this server. ";
            default -> "The server has either erred or is incapable of performing the requested operation.";
        };
    }

    String detail(String method, String contentType, String accept) {
        String m = getMessage();
        return explanation(method, contentType, accept) + "\n\n " + (m == null ? "" : m) + "  ";
    }

    /** The body and its content type for a client that accepts {@code accept}. */
    String[] render(String method, String contentType, String accept, Integer microversion, String requestId, int minMv, int maxMv) {
        String detail = detail(method, contentType, accept);
        MediaRanges ranges = MediaRanges.parse(accept);
        if (ranges != null && !ranges.accepts("application/json")) {
            if (ranges.accepts("text/html")) {
                return new String[]{"text/html; charset=UTF-8", "<html>\n <head>\n  <title>" + status + " " + title(status)
                        + "</title>\n </head>\n <body>\n  <h1>" + status + " " + title(status) + "</h1>\n  "
                        + escape(detail).replace("\n", "<br />\n") + "\n </body>\n</html>"};
            }
            return new String[]{"text/plain; charset=UTF-8", status + " " + title(status) + "\n\n" + detail};
        }
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

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
