package ai.platform.registry.mlflow;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the MLflow endpoints' errors as what they are, MLflow error bodies rather than problem documents (the
 * shared filter gives every other error response a problem body). Declared once here, as the shared filter does
 * for problems, so that each endpoint names only its codes.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BOTH)
public class MlflowOpenApi implements OASFilter {

    private static final String ERROR_REF = "#/components/schemas/MlflowError";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith(MlflowErrors.PREFIX)) {
                return;
            }
            for (Operation operation : item.getOperations().values()) {
                if (operation.getResponses() == null) {
                    continue;
                }
                operation.getResponses().addAPIResponse("401",
                        OASFactory.createAPIResponse().description("UNAUTHENTICATED: missing or expired token"));
                if (operation.getResponses().getAPIResponse("403") == null) {
                    operation.getResponses().addAPIResponse("403",
                            OASFactory.createAPIResponse().description("PERMISSION_DENIED: role missing"));
                }
                for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        response.getValue().content(OASFactory.createContent().addMediaType("application/json",
                                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_REF))));
                    }
                }
            }
        });
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("MlflowError", OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("MLflow's error body: MLflow clients raise MlflowException(error_code, message) from it")
                .addProperty("error_code", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .enumeration(Arrays.stream(ErrorCode.values()).map(code -> (Object) code.name()).toList()))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
    }
}
