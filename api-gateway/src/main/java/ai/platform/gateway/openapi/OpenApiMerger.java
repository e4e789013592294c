package ai.platform.gateway.openapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Merges the services' OpenAPI documents into one. Paths never collide (each service owns its prefixes);
 * component schemas can: identical ones are kept once, a different one of the same name is renamed with its
 * service's name and every reference to it in that service's document follows.
 */
final class OpenApiMerger {

    private static final String SCHEMA_REF = "#/components/schemas/";

    private OpenApiMerger() {
    }

    static JsonObject merge(Map<String, JsonObject> documentsByService) {
        JsonObject paths = new JsonObject().put("/api/v2/status", statusPath());
        JsonObject schemas = new JsonObject();
        JsonArray tags = new JsonArray();
        Set<String> tagNames = new HashSet<>();
        documentsByService.forEach((service, original) -> {
            JsonObject document = original.copy();
            JsonObject serviceSchemas = document.getJsonObject("components", new JsonObject())
                    .getJsonObject("schemas", new JsonObject());
            for (String name : Set.copyOf(serviceSchemas.fieldNames())) {
                Object schema = serviceSchemas.getValue(name);
                if (schemas.containsKey(name) && !schemas.getValue(name).equals(schema)) {
                    String renamed = pascal(service) + name;
                    renameReferences(document, SCHEMA_REF + name, SCHEMA_REF + renamed);
                    schemas.put(renamed, schema);
                } else {
                    schemas.put(name, schema);
                }
            }
            document.getJsonObject("paths", new JsonObject()).forEach(e -> paths.put(e.getKey(), e.getValue()));
            document.getJsonArray("tags", new JsonArray()).forEach(tag -> {
                if (tag instanceof JsonObject t && tagNames.add(t.getString("name"))) {
                    tags.add(t);
                }
            });
        });
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject()
                        .put("title", "AI Platform API")
                        .put("version", "2.1.0")
                        .put("description", "Feature store, model registry, lineage, notebooks and data quality, "
                                + "behind one gateway. Every /api path needs a bearer JWT."))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
                .put("security", new JsonArray().add(new JsonObject().put("jwt", new JsonArray())))
                .put("tags", tags)
                .put("paths", paths)
                .put("components", new JsonObject()
                        .put("schemas", schemas)
                        .put("securitySchemes", new JsonObject().put("jwt", new JsonObject()
                                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT"))));
    }

    private static void renameReferences(Object node, String from, String to) {
        if (node instanceof JsonObject object) {
            for (String key : Set.copyOf(object.fieldNames())) {
                Object value = object.getValue(key);
                if ("$ref".equals(key) && from.equals(value)) {
                    object.put(key, to);
                } else {
                    renameReferences(value, from, to);
                }
            }
        } else if (node instanceof JsonArray array) {
            array.forEach(item -> renameReferences(item, from, to));
        }
    }

    private static String pascal(String serviceName) {
        StringBuilder out = new StringBuilder();
        for (String part : serviceName.split("[-_]")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static JsonObject statusPath() {
        return new JsonObject().put("get", new JsonObject()
                .put("tags", new JsonArray().add("Gateway"))
                .put("summary", "Readiness and version of every service, as the gateway sees them")
                .put("responses", new JsonObject()
                        .put("200", new JsonObject().put("description", "One entry per service"))
                        .put("401", new JsonObject().put("description", "Missing or invalid token"))));
    }
}
