package ai.platform.quality;

import ai.platform.testing.ServiceContractTest;
import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class QualityServiceContractTest extends ServiceContractTest {

    @Override
    protected String readablePath() {
        return "/api/v2/data/quality/rules";
    }

    @Override
    protected String apiPrefix() {
        return "/api/v2/data/quality";
    }
}
