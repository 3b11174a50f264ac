package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.model.StandardNames;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.ProviderView;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.placementstudio.serve.PlacementServer.F;
import static dev.placementstudio.serve.PlacementServer.body;
import static dev.placementstudio.serve.PlacementServer.json;
import static dev.placementstudio.serve.PlacementServer.mv;

/** The global names: traits and resource classes. */
final class NameRoutes {
    private final PlacementEngine engine;

    NameRoutes(PlacementEngine engine) {
        this.engine = engine;
    }

    void showTrait(Context ctx) {
        String name = ctx.pathParam("name");
        if (!engine.traits().contains(name)) {
            throw ApiError.notFound("No such trait(s): " + name + ".");
        }
        ctx.status(204);
    }

    void showClass(Context ctx) {
        json(ctx, 200, resourceClass(requireClass(ctx.pathParam("name"))));
    }

    // ------------------------------------------------------------------ traits

    void listTraits(Context ctx) {
        PlacementServer.validateQuery(ctx, BodySchemas.listTraitsQuery());
        List<String> all = new ArrayList<>(engine.traits());
        String name = ctx.queryParam("name");
        if (name != null) {
            int colon = name.indexOf(':');
            if (colon < 0) {
                throw ApiError.badRequest("Badly formatted name parameter. Expected name query string parameter in form: "
                        + "?name=[in|startswith]:[name1,name2|prefix]. Got: \"" + name + "\"");
            }
            String op = name.substring(0, colon);
            String value = name.substring(colon + 1);
            if (op.equals("in")) {
                Set<String> want = Set.of(value.split(",", -1));
                all.removeIf(t -> !want.contains(t));
            } else if (op.equals("startswith")) {
                all.removeIf(t -> !t.startsWith(value));
            }
        }
        String associated = ctx.queryParam("associated");
        if (associated != null) {
            String a = associated.toLowerCase(Locale.ROOT);
            if (!a.equals("true") && !a.equals("false")) {
                throw ApiError.badRequest("The query parameter \"associated\" only accepts \"true\" or \"false\"");
            }
            Set<String> used = new HashSet<>();
            engine.providers().forEach(p -> used.addAll(p.traits()));
            boolean want = a.equals("true");
            all.removeIf(t -> used.contains(t) != want);
        }
        ObjectNode o = F.objectNode();
        ArrayNode arr = o.putArray("traits");
        all.forEach(arr::add);
        json(ctx, 200, o);
    }

    void putTrait(Context ctx) {
        String name = ctx.pathParam("name");
        if (JsonSchemaCheck.check(F.textNode(name), BodySchemas.customTrait()) != null) {
            throw ApiError.badRequest("The trait is invalid. A valid trait must be no longer than 255 characters, start "
                    + "with the prefix \"CUSTOM_\" and use following characters: \"A\"-\"Z\", \"0\"-\"9\" and \"_\"");
        }
        boolean created = engine.createTrait(name);
        ctx.header("Location", "/traits/" + name);
        ctx.status(created ? 201 : 204);
    }

    void deleteTrait(Context ctx) {
        String name = ctx.pathParam("name");
        if (!engine.traits().contains(name)) {
            throw ApiError.notFound("No such trait(s): " + name + ".");
        }
        if (StandardNames.traits().contains(name)) {
            throw ApiError.badRequest("Cannot delete standard trait " + name + ".");
        }
        for (ProviderView p : engine.providers()) {
            if (p.traits().contains(name)) {
                throw ApiError.conflict(null, "The trait " + name + " is in use by a resource provider.");
            }
        }
        engine.deleteTrait(name);
        ctx.status(204);
    }

    // ------------------------------------------------------------------ resource classes

    private static ObjectNode resourceClass(String name) {
        ObjectNode o = F.objectNode().put("name", name);
        o.putArray("links").addObject().put("rel", "self").put("href", "/resource_classes/" + name);
        return o;
    }

    private String requireClass(String name) {
        if (!engine.resourceClasses().contains(name)) {
            throw ApiError.notFound("No such resource class " + name + ".");
        }
        return name;
    }

    void listClasses(Context ctx) {
        ObjectNode o = F.objectNode();
        ArrayNode a = o.putArray("resource_classes");
        engine.resourceClasses().forEach(rc -> a.add(resourceClass(rc)));
        json(ctx, 200, o);
    }

    void createClass(Context ctx) {
        String name = body(ctx, BodySchemas.resourceClass()).get("name").asText();
        if (!engine.createResourceClass(name)) {
            throw ApiError.conflict(null, "Conflicting resource class already exists: " + name);
        }
        ctx.header("Location", "/resource_classes/" + name);
        ctx.status(201);
    }

    void putClass(Context ctx) {
        String name = ctx.pathParam("name");
        if (mv(ctx) >= 7) {
            // 1.7+: a bodiless create-or-confirm, the name checked as a body would be
            PlacementServer.validate(F.objectNode().put("name", name), BodySchemas.resourceClass(), "JSON does not validate: ");
            boolean created = engine.createResourceClass(name);
            ctx.header("Location", "/resource_classes/" + name);
            ctx.status(created ? 201 : 204);
            return;
        }
        // 1.2 - 1.6: rename a custom class
        JsonNode b = body(ctx, BodySchemas.resourceClass());
        String newName = b.get("name").asText();
        requireClass(name);
        if (StandardNames.resourceClasses().contains(name)) {
            throw ApiError.badRequest("Cannot update standard resource class " + name);
        }
        if (engine.resourceClasses().contains(newName)) {
            throw ApiError.conflict(null, "Resource class already exists: " + newName);
        }
        engine.renameResourceClass(name, newName);
        json(ctx, 200, resourceClass(newName));
    }

    void deleteClass(Context ctx) {
        String name = requireClass(ctx.pathParam("name"));
        if (StandardNames.resourceClasses().contains(name)) {
            throw ApiError.badRequest("Error in delete resource class: Cannot delete standard resource class " + name + ".");
        }
        for (ProviderView p : engine.providers()) {
            if (p.inventories().containsKey(name)) {
                throw ApiError.conflict(null, "Error in delete resource class: Cannot delete resource class " + name
                        + ". Class is in use in inventory.");
            }
        }
        engine.deleteResourceClass(name);
        ctx.status(204);
    }
}
