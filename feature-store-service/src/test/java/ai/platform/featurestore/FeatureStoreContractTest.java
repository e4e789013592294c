package ai.platform.featurestore;

import ai.platform.testing.ServiceContractTest;
import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = ServiceTestResources.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class FeatureStoreContractTest extends ServiceContractTest {

    @Override
    protected String readablePath() {
        return "/api/v2/feature-store/groups";
    }

    @Override
    protected String apiPrefix() {
        return "/api/v2/feature-store";
    }
}
