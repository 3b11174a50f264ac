package dev.placementstudio.serve;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API's one route table, Placement's {@code ROUTE_DECLARATIONS}: each path with its methods, each method
 * with the microversion it appeared in, whether it reads a JSON body (and so answers 415 to any other media
 * type), the policy it checks (named in the 403) and its handler. The server checks requests against it and
 * registers its handlers from it, so a path cannot be served without being declared, nor declared twice.
 */
final class RouteTable {
    record Method(String verb, int minVersion, boolean jsonBody, String policy, Handler handler) {
    }

    record Route(String template, Pattern path, Map<String, Method> methods) {
        /** The {@code allow} header of a 405: the methods in their declared order. */
        String allow() {
            return String.join(", ", methods.keySet());
        }
    }

    private final List<Route> routes = new ArrayList<>();

    static Method get(int minVersion, String policy, Handler h) {
        return new Method("GET", minVersion, false, policy(policy), h);
    }

    static Method post(int minVersion, String policy, Handler h) {
        return new Method("POST", minVersion, true, policy(policy), h);
    }

    static Method put(int minVersion, String policy, Handler h) {
        return new Method("PUT", minVersion, true, policy(policy), h);
    }

    /** A PUT that takes no body ({@code PUT /traits/{name}}). */
    static Method putWithoutBody(int minVersion, String policy, Handler h) {
        return new Method("PUT", minVersion, false, policy(policy), h);
    }

    static Method delete(int minVersion, String policy, Handler h) {
        return new Method("DELETE", minVersion, false, policy(policy), h);
    }

    private static String policy(String name) {
        return name == null ? null : "placement:" + name;
    }

    RouteTable route(String template, Method... methods) {
        if (routes.stream().anyMatch(r -> r.template().equals(template))) {
            throw new IllegalStateException("route declared twice: " + template);
        }
        Map<String, Method> byVerb = new LinkedHashMap<>();
        for (Method m : methods) {
            if (byVerb.put(m.verb(), m) != null) {
                throw new IllegalStateException(m.verb() + " declared twice for " + template);
            }
        }
        String regex = "^" + template.replaceAll("\\{[a-z_]+}", "[^/]+") + "$";
        routes.add(new Route(template, Pattern.compile(regex), byVerb));
        return this;
    }

    /** The first route whose path matches, in declaration order. */
    Optional<Route> match(String path) {
        return routes.stream().filter(r -> r.path().matcher(path).matches()).findFirst();
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Hands every declared handler to Javalin (the empty path is the root's, which Javalin serves as "/"). */
    void registerWith(RoutesConfig r) {
        for (Route route : routes) {
            if (route.template().isEmpty()) {
                continue;
            }
            for (Method m : route.methods().values()) {
                switch (m.verb()) {
                    case "GET" -> r.get(route.template(), m.handler());
                    case "POST" -> r.post(route.template(), m.handler());
                    case "PUT" -> r.put(route.template(), m.handler());
                    case "DELETE" -> r.delete(route.template(), m.handler());
                    default -> throw new IllegalStateException("no such verb: " + m.verb());
                }
            }
        }
    }
}
