package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON Schemas of Placement 8.0.0's request bodies and query strings, by microversion. Which field is
 * required, which pattern a name must match and how long an id may be are part of the API: clients see
 * them in 400s. Each schema is a fresh tree, so one may be derived from another by editing a copy.
 */
final class BodySchemas {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String RC_PATTERN = "^[A-Z0-9_]+$";
    static final String CUSTOM_PATTERN = "^CUSTOM_[A-Z0-9_]+$";
    static final String UUID_PATTERN = "^[0-9a-fA-F-]{36}$";
    static final String GROUP_PATTERN = "[a-zA-Z0-9_-]{1,64}";
    private static final long MAX_INT = 2147483647L;
    private static final double SQL_FLOAT_MAX = 3.40282e+38;

    private BodySchemas() {
    }

    // ---------------------------------------------------------------- building blocks

    private static ObjectNode type(String t) {
        return F.objectNode().put("type", t);
    }

    private static ObjectNode object(ObjectNode properties, String... required) {
        ObjectNode o = type("object");
        o.set("properties", properties);
        ArrayNode r = F.arrayNode();
        for (String s : required) {
            r.add(s);
        }
        if (required.length > 0) {
            o.set("required", r);
        }
        o.put("additionalProperties", false);
        return o;
    }

    private static ObjectNode props() {
        return F.objectNode();
    }

    private static ObjectNode uuid() {
        return type("string").put("format", "uuid");
    }

    private static ObjectNode id255() {
        return type("string").put("minLength", 1).put("maxLength", 255);
    }

    private static ObjectNode boundedInt(long min) {
        return type("integer").put("maximum", MAX_INT).put("minimum", min);
    }

    private static void require(ObjectNode schema, String name) {
        ((ArrayNode) schema.withArray("required")).add(name);
    }

    private static void unrequire(ObjectNode schema, String name) {
        ArrayNode r = (ArrayNode) schema.get("required");
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i).asText().equals(name)) {
                r.remove(i);
                return;
            }
        }
    }

    private static ObjectNode props(ObjectNode schema) {
        return (ObjectNode) schema.get("properties");
    }

    // ---------------------------------------------------------------- resource providers

    static ObjectNode postProvider(int mv) {
        ObjectNode s = object(props().<ObjectNode>set("name", type("string").put("maxLength", 200)).set("uuid", uuid()), "name");
        if (mv >= 14) {
            ArrayNode any = F.arrayNode().add(uuid()).add(type("null"));
            props(s).set("parent_provider_uuid", F.objectNode().set("anyOf", any));
        }
        return s;
    }

    static ObjectNode putProvider(int mv) {
        ObjectNode s = postProvider(mv);
        props(s).remove("uuid");
        return s;
    }

    static ObjectNode listProvidersQuery(int mv) {
        ObjectNode p = props().set("name", type("string"));
        p.set("uuid", uuid());
        if (mv >= 3) {
            p.set("member_of", type("string"));
        }
        if (mv >= 4) {
            p.set("resources", type("string"));
        }
        if (mv >= 14) {
            p.set("in_tree", uuid());
        }
        if (mv >= 18) {
            p.set("required", type("string"));
        }
        return object(p);
    }

    // ---------------------------------------------------------------- inventories

    static ObjectNode inventory() {
        ObjectNode p = props().set("resource_provider_generation", type("integer"));
        p.set("total", boundedInt(1));
        p.set("reserved", boundedInt(0));
        p.set("min_unit", boundedInt(1));
        p.set("max_unit", boundedInt(1));
        p.set("step_size", boundedInt(1));
        p.set("allocation_ratio", type("number").put("maximum", SQL_FLOAT_MAX));
        return object(p, "total", "resource_provider_generation");
    }

    static ObjectNode postInventory() {
        ObjectNode s = inventory();
        props(s).set("resource_class", type("string").put("pattern", RC_PATTERN));
        require(s, "resource_class");
        unrequire(s, "resource_provider_generation");
        return s;
    }

    static ObjectNode putInventories() {
        ObjectNode record = inventory();
        unrequire(record, "resource_provider_generation");
        ObjectNode inventories = type("object");
        inventories.set("patternProperties", F.objectNode().set(RC_PATTERN, record));
        return object(props().<ObjectNode>set("resource_provider_generation", type("integer")).set("inventories", inventories),
                "resource_provider_generation", "inventories");
    }

    // ---------------------------------------------------------------- aggregates, traits, classes, usages

    static ObjectNode aggregateList() {
        ObjectNode s = type("array");
        s.set("items", uuid());
        s.put("uniqueItems", true);
        return s;
    }

    static ObjectNode putAggregates() {
        return object(props().<ObjectNode>set("aggregates", aggregateList()).set("resource_provider_generation", type("integer")),
                "aggregates", "resource_provider_generation");
    }

    static ObjectNode trait() {
        return type("string").put("minLength", 1).put("maxLength", 255);
    }

    static ObjectNode customTrait() {
        return trait().put("pattern", CUSTOM_PATTERN);
    }

    static ObjectNode setProviderTraits() {
        ObjectNode traits = type("array");
        traits.set("items", trait());
        return object(props().<ObjectNode>set("traits", traits).set("resource_provider_generation", type("integer")),
                "traits", "resource_provider_generation");
    }

    static ObjectNode listTraitsQuery() {
        return object(props().<ObjectNode>set("name", type("string")).set("associated", type("string")));
    }

    static ObjectNode resourceClass() {
        return object(props().set("name", type("string").put("pattern", CUSTOM_PATTERN).put("maxLength", 255)), "name");
    }

    static ObjectNode usagesQuery(int mv) {
        ObjectNode p = props().set("project_id", id255());
        p.set("user_id", id255());
        if (mv >= 38) {
            p.set("consumer_type", type("string").put("pattern", RC_PATTERN + "|^all|^unknown$").put("minLength", 1)
                    .put("maxLength", 255));
        }
        return object(p, "project_id");
    }

    // ---------------------------------------------------------------- allocations

    private static ObjectNode resources() {
        ObjectNode r = type("object").put("minProperties", 1);
        r.set("patternProperties", F.objectNode().set(RC_PATTERN, type("integer").put("minimum", 1)));
        r.put("additionalProperties", false);
        return r;
    }

    /** {@code PUT /allocations/{consumer}} at microversions before 1.12: a list of provider + resources. */
    static ObjectNode allocationList(int mv) {
        ObjectNode rp = object(props().set("uuid", uuid()), "uuid");
        ObjectNode item = object(props().<ObjectNode>set("resource_provider", rp).set("resources", resources()),
                "resource_provider", "resources");
        ObjectNode list = type("array").put("minItems", 1);
        list.set("items", item);
        ObjectNode s = object(props().set("allocations", list), "allocations");
        if (mv >= 8) {
            props(s).set("project_id", id255());
            props(s).set("user_id", id255());
            require(s, "project_id");
            require(s, "user_id");
        }
        return s;
    }

    /** One consumer's allocations as a dict by provider (1.12+); {@code deletable} allows an empty dict. */
    static ObjectNode allocationDict(int mv, boolean deletable) {
        ObjectNode perProvider = object(props().<ObjectNode>set("generation", type("integer")).set("resources", resources()),
                "resources");
        ObjectNode allocations = type("object").put("minProperties", deletable || mv >= 28 ? 0 : 1);
        allocations.set("patternProperties", F.objectNode().set(UUID_PATTERN, perProvider));
        allocations.put("additionalProperties", false);
        ObjectNode p = props().set("allocations", allocations);
        p.set("project_id", id255());
        p.set("user_id", id255());
        ObjectNode s = object(p, "allocations", "project_id", "user_id");
        if (mv >= 28) {
            ArrayNode types = F.arrayNode().add("integer").add("null");
            props(s).set("consumer_generation", F.objectNode().<ObjectNode>set("type", types).put("additionalProperties", false));
            require(s, "consumer_generation");
        }
        if (mv >= 34) {
            ObjectNode group = type("array").put("minItems", 1);
            group.set("items", uuid());
            ObjectNode mappings = type("object").put("minProperties", 1);
            mappings.set("patternProperties", F.objectNode().set(GROUP_PATTERN, group));
            props(s).set("mappings", mappings);
        }
        if (mv >= 38) {
            props(s).set("consumer_type", type("string").put("pattern", RC_PATTERN).put("minLength", 1).put("maxLength", 255));
            require(s, "consumer_type");
        }
        return s;
    }

    /** {@code POST /allocations} (1.13+): consumers by uuid; {@code minProperties} 0 inside a reshape. */
    static ObjectNode postAllocations(int mv, int minProperties) {
        ObjectNode s = type("object").put("minProperties", minProperties).put("additionalProperties", false);
        s.set("patternProperties", F.objectNode().set(UUID_PATTERN, allocationDict(mv, true)));
        return s;
    }

    static ObjectNode reshape(int mv) {
        ObjectNode inventories = type("object");
        inventories.set("patternProperties", F.objectNode().set(UUID_PATTERN, putInventories()));
        inventories.put("minProperties", 1).put("additionalProperties", false);
        // the reshaper's allocations follow POST /allocations of 1.28, 1.34 or 1.38
        int allocMv = mv >= 38 ? 38 : mv >= 34 ? 34 : 28;
        return object(props().<ObjectNode>set("inventories", inventories).set("allocations", postAllocations(allocMv, 0)),
                "inventories", "allocations");
    }
}
