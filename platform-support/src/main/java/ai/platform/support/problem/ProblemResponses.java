package ai.platform.support.problem;

import java.math.BigDecimal;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the problem documents once for every service: each error response an endpoint declares gets the
 * {@code application/problem+json} {@link Problem} body, and every operation under {@code /api} gets its 401 and
 * 403. Endpoints then declare only which errors they answer and why.
 */
public class ProblemResponses implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents()
                : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSchema("FieldError", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", text("The field's JSON path, or the parameter's name"))
                .addProperty("message", text("What is wrong with it")));
        components.addSchema("Problem", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details")
                .addProperty("type", text("A URI naming the kind of problem"))
                .addProperty("title", text("The kind of problem, in words"))
                .addProperty("status", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.INTEGER))
                        .minimum(BigDecimal.valueOf(400)))
                .addProperty("detail", text("What went wrong this time"))
                .addProperty("instance", text("The request path"))
                .addProperty("errors", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError"))));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getResponses() == null) {
                    continue;
                }
                if (path.startsWith("/api/")) {
                    operation.getResponses().addAPIResponse("401", problem("Missing, invalid or expired token"));
                    if (operation.getResponses().getAPIResponse("403") == null) {
                        operation.getResponses().addAPIResponse("403", problem("Your roles do not allow this"));
                    }
                }
                for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        withProblemBody(response.getValue());
                    }
                }
            }
        });
    }

    private static APIResponse problem(String description) {
        return withProblemBody(OASFactory.createAPIResponse().description(description));
    }

    private static APIResponse withProblemBody(APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaTypes().isEmpty()) {
            response.content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
        }
        return response;
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)).description(description);
    }
}
