package ai.platform.registry;

import ai.platform.testing.ServiceContractTest;
import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class ModelRegistryContractTest extends ServiceContractTest {

    @Override
    protected String readablePath() {
        return "/api/v2/models";
    }

    @Override
    protected String apiPrefix() {
        return "/api/v2/models";
    }
}
