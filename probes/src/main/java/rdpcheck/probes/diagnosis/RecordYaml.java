package rdpcheck.probes.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads the knowledge base's YAML (playbooks, code tables) into its records with the YAML parser
 * alone: a record's components are its keys. Jackson's data binding did this before at the cost of
 * some 500 classes and a fifth of a short command's CPU ({@code explain}, {@code check} of a closed
 * port); the parser is loaded anyway for the configuration.
 *
 * <p>As strict as the binding it replaces: a key the record does not have, or a value of the wrong
 * shape, is an error naming the resource and the line. Values may be strings, {@code int},
 * {@code Boolean}, lists and string maps of those, and records; an absent key is {@code null}
 * (0 for an {@code int}), which the records' own constructors turn into their defaults.
 */
final class RecordYaml {

    private static final YAMLFactory YAML = new YAMLFactory();

    private RecordYaml() {
    }

    /** The document in {@code in}, a mapping, as a {@code type}. */
    static <T extends Record> T read(InputStream in, Class<T> type) throws IOException {
        try (JsonParser parser = YAML.createParser(in)) {
            parser.nextToken();
            T value = type.cast(value(parser, type));
            end(parser);
            return value;
        }
    }

    /** The document in {@code in}, a sequence of mappings, as a list of {@code type}. */
    static <T extends Record> List<T> readList(InputStream in, Class<T> type) throws IOException {
        try (JsonParser parser = YAML.createParser(in)) {
            parser.nextToken();
            expect(parser, JsonToken.START_ARRAY, "a list");
            List<T> list = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                list.add(type.cast(value(parser, type)));
            }
            end(parser);
            return list;
        }
    }

    private static void end(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new JsonParseException(parser, "one YAML document expected, found more");
        }
    }

    private static Object value(JsonParser parser, Type type) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return type == int.class ? 0 : null;
        }
        if (type == String.class) {
            if (!token.isScalarValue()) {
                throw new JsonParseException(parser, "a text value expected, found " + token);
            }
            return parser.getText();
        }
        if (type == int.class || type == Integer.class) {
            expect(parser, JsonToken.VALUE_NUMBER_INT, "a whole number");
            return parser.getIntValue();
        }
        if (type == boolean.class || type == Boolean.class) {
            if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
                throw new JsonParseException(parser, "true or false expected, found " + parser.getText());
            }
            return token == JsonToken.VALUE_TRUE;
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            expect(parser, JsonToken.START_ARRAY, "a list");
            List<Object> list = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                list.add(value(parser, generic.getActualTypeArguments()[0]));
            }
            return list;
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class
                && generic.getActualTypeArguments()[0] == String.class) {
            expect(parser, JsonToken.START_OBJECT, "a mapping");
            Map<String, Object> map = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                map.put(key, value(parser, generic.getActualTypeArguments()[1]));
            }
            return map;
        }
        if (type instanceof Class<?> record && record.isRecord()) {
            return record(parser, record);
        }
        throw new IllegalArgumentException("RecordYaml cannot bind " + type.getTypeName());
    }

    private static Object record(JsonParser parser, Class<?> type) throws IOException {
        expect(parser, JsonToken.START_OBJECT, "a mapping");
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = types[i] == int.class ? 0 : null;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int index = indexOf(components, key);
            if (index < 0) {
                throw new JsonParseException(parser, "unknown key '" + key + "' for " + type.getSimpleName());
            }
            parser.nextToken();
            args[index] = value(parser, components[index].getGenericType());
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new JsonParseException(parser, type.getSimpleName() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static int indexOf(RecordComponent[] components, String name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void expect(JsonParser parser, JsonToken token, String what) throws IOException {
        if (parser.currentToken() != token) {
            throw new JsonParseException(parser, what + " expected, found " + parser.currentToken());
        }
    }
}
