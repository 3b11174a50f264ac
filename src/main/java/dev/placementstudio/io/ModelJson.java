package dev.placementstudio.io;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.model.ModelProblem;
import dev.placementstudio.model.ModelValidator;
import dev.placementstudio.model.PlacementState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Our model file: JSON with a {@code schemaVersion}, strict about unknown fields and types, validated
 * after reading. Enums are written in lower case with hyphens ({@code anti-affinity}); an embedded raw
 * Placement state uses the dump format.
 */
public final class ModelJson {
    private static final ObjectMapper MAPPER = createMapper();

    private ModelJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper createMapper() {
        SimpleModule module = new SimpleModule("placement-studio");
        module.addSerializer(PlacementState.class, new JsonSerializer<>() {
            @Override
            public void serialize(PlacementState value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                PlacementDump.write(gen, value);
            }
        });
        // set first: setDeserializers replaces whatever addDeserializer registered before it
        module.setDeserializers(new SimpleDeserializers() {
            @Override
            public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
                                                            BeanDescription beanDesc) {
                if (type.getName().startsWith("dev.placementstudio.")) {
                    return new EnumWireDeserializer(type);
                }
                return null;
            }
        });
        module.addDeserializer(PlacementState.class, new JsonDeserializer<>() {
            @Override
            public PlacementState deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonNode tree = ctxt.readTree(p);
                try {
                    return PlacementDump.embeddedFromTree(tree);
                } catch (InputProblemException e) {
                    throw JsonMappingException.from(p, e.path() + ": " + e.detail());
                }
            }
        });
        module.addSerializer(new EnumWireSerializer());
        return JsonMapper.builder()
                .addModule(module)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // record components only: helpers such as Port.isSriov() are not part of the file
                .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .serializationInclusion(JsonInclude.Include.NON_EMPTY)
                .build();
    }

    /** Wire name of a model enum: {@code ANTI_AFFINITY} is written {@code anti-affinity}. */
    public static String wireName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads, parses and validates a model file. */
    public static CloudModel read(Path file) throws InputProblemException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputProblemException(file, "cannot read: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** Parses and validates model JSON text; {@code fileName} is used in messages. */
    public static CloudModel parse(String fileName, String text) throws InputProblemException {
        CloudModel model = parseUnvalidated(fileName, text);
        List<ModelProblem> problems = ModelValidator.validate(model);
        if (!problems.isEmpty()) {
            ModelProblem first = problems.get(0);
            int[] lc = JsonLocator.locate(text, first.path());
            String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem"
                    + (problems.size() > 2 ? "s" : "") + ")" : "";
            throw new InputProblemException(fileName, lc[0], lc[1], first.path(), first.message() + more);
        }
        return model;
    }

    /** Parses without the semantic checks (types and fields only). */
    public static CloudModel parseUnvalidated(String fileName, String text) throws InputProblemException {
        if (startsWithReadableSchemaVersion(text)) {
            // the usual file (ours, schemaVersion first): one pass; any problem gets the full diagnosis below
            try {
                return MAPPER.readValue(text, CloudModel.class);
            } catch (JsonProcessingException e) {
                // fall through: the checks below name the problem as they always have
            }
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw brokenJson(fileName, e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InputProblemException(fileName, 1, 1, "", "the file is empty; a model is a JSON object");
        }
        if (PlacementDump.looksLikeDump(tree)) {
            throw new InputProblemException(fileName, 1, 1, "",
                    "this is a Placement dump, not a model; use import-placement to make a model of it");
        }
        if (!tree.isObject()) {
            throw new InputProblemException(fileName, 1, 1, "", "a model is a JSON object");
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null) {
            throw new InputProblemException(fileName, 1, 1, "schemaVersion",
                    "missing schemaVersion (this build writes " + CloudModel.SCHEMA_VERSION + ")");
        }
        if (version.isInt() && version.asInt() > CloudModel.SCHEMA_VERSION) {
            int[] lc = JsonLocator.locate(text, "schemaVersion");
            throw new InputProblemException(fileName, lc[0], lc[1], "schemaVersion",
                    "made by a newer Placement Studio (schema " + version.asInt() + ", this build reads up to "
                            + CloudModel.SCHEMA_VERSION + ")");
        }
        try {
            return MAPPER.readValue(text, CloudModel.class);
        } catch (JsonProcessingException e) {
            throw mappingProblem(fileName, text, e);
        }
    }

    /** True when the text is an object whose first field is a schemaVersion this build reads. */
    private static boolean startsWithReadableSchemaVersion(String text) {
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(text)) {
            return p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT
                    && p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME
                    && "schemaVersion".equals(p.currentName())
                    && p.nextToken() == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT
                    && p.getLongValue() <= CloudModel.SCHEMA_VERSION;
        } catch (IOException e) {
            return false;
        }
    }

    public static byte[] toBytes(CloudModel model, boolean pretty) {
        try {
            byte[] body = pretty ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(model)
                    : MAPPER.writeValueAsBytes(model);
            byte[] out = Arrays.copyOf(body, body.length + 1);
            out[body.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize model", e);
        }
    }

    /** Validates, then writes atomically: the file is either the old one or the complete new one. */
    public static void write(CloudModel model, Path file, boolean pretty) throws IOException, InvalidModelException {
        ModelValidator.requireValid(model);
        AtomicFiles.write(file, toBytes(model, pretty));
    }

    static InputProblemException brokenJson(String fileName, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String msg = e.getOriginalMessage();
        if (msg != null) {
            int cut = msg.indexOf("\n at [Source");
            if (cut >= 0) {
                msg = msg.substring(0, cut);
            }
        }
        return new InputProblemException(fileName, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
                "", "broken JSON: " + msg);
    }

    private static InputProblemException mappingProblem(String fileName, String text, JsonProcessingException e) {
        if (!(e instanceof JsonMappingException jme)) {
            return brokenJson(fileName, e);
        }
        String path = pathOf(jme.getPath());
        JsonLocation loc = jme.getLocation();
        int line = loc == null ? 0 : loc.getLineNr();
        int col = loc == null ? 0 : loc.getColumnNr();
        String message;
        if (jme instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().collect(Collectors.joining(", "));
            message = "unknown field '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : " (expected one of: " + known + ")");
        } else if (jme instanceof InvalidFormatException f) {
            message = "'" + f.getValue() + "' is not a valid " + simpleType(f.getTargetType());
        } else if (jme instanceof MismatchedInputException m) {
            message = "wrong type: expected " + describe(m.getTargetType());
        } else if (jme instanceof ValueInstantiationException v) {
            message = v.getCause() == null ? v.getOriginalMessage() : v.getCause().getMessage();
        } else {
            message = jme.getOriginalMessage();
        }
        if (line == 0 && !path.isEmpty()) {
            int[] lc = JsonLocator.locate(text, path);
            line = lc[0];
            col = lc[1];
        }
        return new InputProblemException(fileName, line, col, path, message);
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        if (type.isEnum()) {
            return "one of " + enumValues(type);
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    private static String simpleType(Class<?> type) {
        return type == null ? "value" : type.isEnum() ? "value (one of " + enumValues(type) + ")" : describe(type);
    }

    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> wireName((Enum<?>) c)).collect(Collectors.joining(", "));
    }

    private static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            }
        }
        return sb.toString();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class EnumWireSerializer extends com.fasterxml.jackson.databind.ser.std.StdSerializer<Enum> {
        EnumWireSerializer() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(wireName(value));
        }
    }

    private static final class EnumWireDeserializer extends JsonDeserializer<Object> {
        private final Class<?> type;

        EnumWireDeserializer(Class<?> type) {
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isScalarValue() || !p.currentToken().equals(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                return ctxt.handleUnexpectedToken(type, p);
            }
            String text = p.getText();
            for (Object c : type.getEnumConstants()) {
                Enum<?> e = (Enum<?>) c;
                if (wireName(e).equalsIgnoreCase(text) || e.name().equalsIgnoreCase(text)) {
                    return e;
                }
            }
            throw InvalidFormatException.from(p, "not one of " + enumValues(type), text, type);
        }

        @Override
        public Class<?> handledType() {
            return type;
        }
    }
}
