package dev.placementstudio.placement;

/**
 * A refusal as Placement gives it: an HTTP status, one of Placement's error codes and the message it would
 * put in the error body's {@code detail}.
 */
public final class PlacementException extends RuntimeException {
    public static final String UNDEFINED = "placement.undefined_code";
    public static final String CONCURRENT_UPDATE = "placement.concurrent_update";
    public static final String INVENTORY_INUSE = "placement.inventory.inuse";
    public static final String DUPLICATE_NAME = "placement.duplicate_name";
    public static final String PROVIDER_IN_USE = "placement.resource_provider.inuse";
    public static final String PROVIDER_CANNOT_DELETE_PARENT = "placement.resource_provider.cannot_delete_parent";
    public static final String PROVIDER_NOT_FOUND = "placement.resource_provider.not_found";
    public static final String QUERY_DUPLICATE_KEY = "placement.query.duplicate_key";
    public static final String QUERY_BAD_VALUE = "placement.query.bad_value";
    public static final String QUERY_MISSING_VALUE = "placement.query.missing_value";

    private final int status;
    private final String code;

    public PlacementException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static PlacementException badRequest(String message) {
        return new PlacementException(400, UNDEFINED, message);
    }

    public static PlacementException badRequest(String code, String message) {
        return new PlacementException(400, code, message);
    }

    public static PlacementException notFound(String message) {
        return new PlacementException(404, UNDEFINED, message);
    }

    public static PlacementException conflict(String code, String message) {
        return new PlacementException(409, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** HTTP reason phrase, as Placement's error bodies carry it in {@code title}. */
    public String title() {
        return title(status);
    }

    /** webob's reason phrase for a status (the {@code title} of Placement's error bodies). */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            default -> "Internal Server Error";
        };
    }

    /**
     * The {@code detail} text of Placement's error body: webob's explanation for the status, a blank
     * line, then the message, as Placement 8.0.0 formats it.
     */
    public String detail() {
        String explanation = switch (status) {
            case 400 -> "The server could not comply with the request since it is either malformed or otherwise incorrect.";
            case 404 -> "The resource could not be found.";
            case 409 -> "There was a conflict when trying to complete your request.";
            default -> "";
        };
        return explanation + "\n\n " + getMessage() + "  ";
    }

    /** Placement's JSON error body. */
    public String toJson(String requestId) {
        JsonOut out = new JsonOut(256);
        out.beginObject().name("errors").beginArray().beginObject()
                .name("status").value(status)
                .name("title").value(title())
                .name("detail").value(detail())
                .name("code").value(code)
                .name("request_id").value(requestId)
                .endObject().endArray().endObject();
        return out.toString();
    }
}
