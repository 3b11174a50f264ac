package dev.placementstudio.serve;

import io.javalin.http.Context;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.IOException;
import java.util.Set;

/**
 * Request methods as Placement's router sees them: any token the HTTP parser lets through ({@code get},
 * {@code M-SEARCH}) is a method that no route has, so a 405 that names it. Javalin takes only {@code ^[A-Z]+$}
 * (anything else was a bodiless 500) and keeps a handler type for every name it meets, forever. So every method but
 * the standard ones reaches Javalin under one stand-in name, and the name as sent is kept for the error body and the
 * request log.
 */
final class MethodTokens implements Filter {
    /** What Javalin sees for a method no route of ours and no standard handler type has. */
    static final String STAND_IN = "UNROUTED";
    private static final String SENT = "placement.method";
    private static final Set<String> STANDARD = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
            "TRACE", "CONNECT");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && !STANDARD.contains(http.getMethod())) {
            http.setAttribute(SENT, http.getMethod());
            request = new HttpServletRequestWrapper(http) {
                @Override
                public String getMethod() {
                    return STAND_IN;
                }
            };
        }
        chain.doFilter(request, response);
    }

    /** The method as the client sent it. */
    static String of(Context ctx) {
        Object sent = ctx.req().getAttribute(SENT);
        return sent != null ? sent.toString() : ctx.method().name();
    }
}
