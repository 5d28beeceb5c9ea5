package io.sipshield.harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipshield.harness.mock.ClientVerificationMode;
import io.sipshield.harness.mock.ServerPersonality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps {@code scenarios/schema/scenario.schema.json} and the loader in step. */
class ScenarioSchemaTest {

    /** The harness module is the working directory of its tests. */
    private static final Path SCHEMA = Path.of("..", "scenarios", "schema", "scenario.schema.json");

    private static JsonNode root;

    @BeforeAll
    static void readSchema() throws Exception {
        assertTrue(Files.isRegularFile(SCHEMA), "schema not found at " + SCHEMA.toAbsolutePath());
        root = new ObjectMapper().readTree(SCHEMA.toFile());
    }

    @Test
    void isDraft2020WithNoOtherKeysAnywhere() {
        assertEquals("https://json-schema.org/draft/2020-12/schema", root.path("$schema").asText());
        assertFalse(root.path("additionalProperties").asBoolean(true));
    }

    @Test
    void listsExactlyTheKeysTheLoaderAcceptsAtEveryPlace() {
        Map<String, List<String>> schemaPlaces = new TreeMap<>();
        collect(root, "", schemaPlaces);
        Map<String, Set<String>> inSchema = new TreeMap<>();
        schemaPlaces.forEach((place, keys) -> inSchema.put(place, new LinkedHashSet<>(keys)));
        Map<String, Set<String>> inLoader = new TreeMap<>();
        ScenarioKeys.byPlace().forEach((place, keys) -> inLoader.put(place, new LinkedHashSet<>(keys)));
        assertEquals(inLoader, inSchema);
    }

    @Test
    void closesEveryObjectThatListsKeys() {
        List<String> open = new ArrayList<>();
        walkObjects(root, "", (place, node) -> {
            if (node.has("properties") && node.path("additionalProperties").asBoolean(true)) {
                open.add(place);
            }
        });
        assertEquals(List.of(), open, "objects without additionalProperties: false");
    }

    @Test
    void listsTheSameKeywordsAsTheLoader() {
        JsonNode defs = root.path("$defs");
        assertEquals(keywords(Endpoint.MediaEncryption.values(), Endpoint.MediaEncryption::keyword),
                strings(defs.path("endpoint").path("properties").path("media-encryption").path("enum")));
        assertEquals(keywords(MediaSpec.Source.values(), MediaSpec.Source::keyword),
                strings(defs.path("media").path("properties").path("source").path("enum")));
        assertEquals(keywords(MockServer.Application.values(), MockServer.Application::keyword),
                strings(defs.path("mock").path("properties").path("extensions").path("additionalProperties").path("oneOf").path(0).path("enum")));
        assertEquals(keywords(ServerPersonality.values(),
                        ServerPersonality::keyword),
                strings(defs.path("mock").path("properties").path("personality").path("enum")));
        assertEquals(keywords(ClientVerificationMode.values(),
                        ClientVerificationMode::keyword),
                strings(defs.path("mock").path("properties").path("client-verification").path("enum")));
        assertEquals(keywords(PhoneSpec.AnswerMode.values(), PhoneSpec.AnswerMode::keyword),
                strings(defs.path("phone").path("properties").path("answer").path("enum")));
        assertEquals(PhoneSpec.DEFAULT_REJECT_STATUS,
                defs.path("phone").path("properties").path("reject-status").path("default").asInt());
        assertEquals(keywords(io.sipshield.emulator.tls.VerifyFlag.values(), Enum::name),
                strings(defs.path("flags").path("items").path("enum")));
        assertEquals(new java.util.TreeSet<>(io.sipshield.emulator.tls.TlsAlert.names()),
                new java.util.TreeSet<>(strings(defs.path("alert").path("properties").path("name").path("enum"))));
        assertEquals(List.copyOf(CaseTable.RESERVED), List.of(defs.path("cases").path("properties").path("columns")
                .path("items").path("not").path("const").asText()));
        assertEquals(PhoneSpec.DEFAULT_SERVER_NAME,
                defs.path("phone").path("properties").path("server-name").path("default").asText());
    }

    /** Every place whose object lists properties, with the property names (union over oneOf branches). */
    private static void collect(JsonNode node, String place, Map<String, List<String>> places) {
        JsonNode object = resolve(node);
        List<String> keys = propertyNames(object);
        if (!keys.isEmpty()) {
            places.put(place, keys);
        }
        for (String key : keys) {
            JsonNode child = resolve(property(object, key));
            String childPlace = place.isEmpty() ? key : place + "." + key;
            if ("array".equals(child.path("type").asText())) {
                collect(child.path("items"), childPlace + "[]", places);
            } else {
                collect(child, childPlace, places);
            }
        }
        if (object.path("additionalProperties").isObject()) {
            collect(object.path("additionalProperties"), place + ".*", places);
        }
    }

    private static void walkObjects(JsonNode node, String place, java.util.function.BiConsumer<String, JsonNode> visit) {
        JsonNode object = resolve(node);
        visit.accept(place, object);
        for (JsonNode branch : object.path("oneOf")) {
            visit.accept(place + "(oneOf)", resolve(branch));
        }
        for (String key : propertyNames(object)) {
            JsonNode child = resolve(property(object, key));
            String childPlace = place.isEmpty() ? key : place + "." + key;
            walkObjects("array".equals(child.path("type").asText()) ? child.path("items") : child, childPlace, visit);
        }
    }

    private static List<String> propertyNames(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.path("properties").fieldNames().forEachRemaining(names::add);
        for (JsonNode branch : object.path("oneOf")) {
            resolve(branch).path("properties").fieldNames().forEachRemaining(names::add);
        }
        return new ArrayList<>(names);
    }

    private static JsonNode property(JsonNode object, String key) {
        if (object.path("properties").has(key)) {
            return object.path("properties").path(key);
        }
        for (JsonNode branch : object.path("oneOf")) {
            JsonNode properties = resolve(branch).path("properties");
            if (properties.has(key)) {
                return properties.path(key);
            }
        }
        throw new AssertionError("no property " + key);
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.path("$ref").asText();
            assertTrue(ref.startsWith("#/$defs/"), "only local $defs references: " + ref);
            current = root.path("$defs").path(ref.substring("#/$defs/".length()));
            assertFalse(current.isMissingNode(), "dangling $ref " + ref);
        }
        return current;
    }

    private static <E> List<String> keywords(E[] values, Function<E, String> keyword) {
        return Arrays.stream(values).map(keyword).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        Iterator<JsonNode> items = array.elements();
        items.forEachRemaining(item -> values.add(item.asText()));
        return values;
    }
}
