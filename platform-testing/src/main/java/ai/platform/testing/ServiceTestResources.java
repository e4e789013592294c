package ai.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a service under test at real servers: PostgreSQL always, Redis when the init argument
 * {@code redis=true} asks for it, and the test key pair for JWT verification.
 */
public class ServiceTestResources implements QuarkusTestResourceLifecycleManager {

    private boolean withRedis;

    @Override
    public void init(Map<String, String> initArgs) {
        withRedis = Boolean.parseBoolean(initArgs.getOrDefault("redis", "false"));
    }

    @Override
    public Map<String, String> start() {
        TestServers.Postgres postgres = TestServers.postgres();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", postgres.user());
        config.put("quarkus.datasource.password", postgres.password());
        config.put("mp.jwt.verify.publickey.location", TestTokens.publicKeyLocation());
        if (withRedis) {
            config.put("quarkus.redis.hosts", TestServers.redisUrl());
        }
        return config;
    }

    @Override
    public void stop() {
        // The servers live as long as the JVM (shutdown hooks stop them): later test classes reuse them.
    }
}
