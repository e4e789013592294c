package ai.platform.registry.storage;

import static ai.platform.registry.RegistryApi.EDITOR;
import static ai.platform.registry.RegistryApi.model;
import static ai.platform.registry.RegistryApi.version;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class ArtifactResourceTest {

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** Partial uploads in the test artifact store (registry.storage.root in the test profile). */
    private static long partialFiles() throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of("target/test-artifacts");
        if (!java.nio.file.Files.exists(root)) {
            return 0;
        }
        try (var paths = java.nio.file.Files.walk(root)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".partial")).count();
        }
    }

    private static void awaitPartialFiles(boolean present, int seconds) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        while ((partialFiles() > 0) != present && System.nanoTime() < deadline) {
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static String files(String model) {
        return "/api/v2/models/" + model + "/versions/1/artifacts";
    }

    @Test
    void uploadsVerifiesListsAndDownloadsWithRanges() throws Exception {
        String name = model("files");
        version(name, ", \"await_upload\": true");
        byte[] weights = bytes(5 * 1024 * 1024 + 17, 1);
        given().auth().oauth2(EDITOR).contentType("application/octet-stream")
                .header("X-Content-SHA256", sha256(weights)).body(weights)
                .when().put(files(name) + "/weights/model.safetensors")
                .then().statusCode(201)
                .body("path", equalTo("weights/model.safetensors"))
                .body("size_bytes", equalTo(weights.length))
                .body("sha256", equalTo(sha256(weights)));
        given().auth().oauth2(EDITOR).contentType("application/json").body("{\"framework\": \"torch\"}")
                .when().put(files(name) + "/MLmodel").then().statusCode(201);
        given().auth().oauth2(EDITOR).when().get(files(name))
                .then().statusCode(200).body("", hasSize(2)).body("[0].path", equalTo("MLmodel"));

        byte[] whole = given().auth().oauth2(EDITOR).when().get(files(name) + "/weights/model.safetensors")
                .then().statusCode(200).header("Accept-Ranges", "bytes")
                .header("ETag", "\"" + sha256(weights) + "\"").extract().asByteArray();
        assertArrayEquals(weights, whole);
        byte[] part = given().auth().oauth2(EDITOR).header("Range", "bytes=100-199")
                .when().get(files(name) + "/weights/model.safetensors")
                .then().statusCode(206)
                .header("Content-Range", "bytes 100-199/" + weights.length).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(weights, 100, 200), part);
        byte[] tail = given().auth().oauth2(EDITOR).header("Range", "bytes=-10")
                .when().get(files(name) + "/weights/model.safetensors")
                .then().statusCode(206).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(weights, weights.length - 10, weights.length), tail);
        given().auth().oauth2(EDITOR).header("Range", "bytes=" + weights.length + "-")
                .when().get(files(name) + "/weights/model.safetensors")
                .then().statusCode(416).contentType("application/problem+json");
    }

    @Test
    void aFileThatDoesNotMatchItsSha256IsNotKept() throws Exception {
        String name = model("mismatch");
        version(name, ", \"await_upload\": true");
        byte[] data = bytes(4096, 2);
        given().auth().oauth2(EDITOR).contentType("application/octet-stream")
                .header("X-Content-SHA256", sha256(bytes(4096, 3))).body(data)
                .when().put(files(name) + "/model.bin")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", containsString(sha256(data)));
        given().auth().oauth2(EDITOR).when().get(files(name)).then().body("", hasSize(0));
        given().auth().oauth2(EDITOR).when().get(files(name) + "/model.bin").then().statusCode(404);
        given().auth().oauth2(EDITOR).contentType("application/octet-stream").header("X-Content-SHA256", "abc")
                .body(data).when().put(files(name) + "/model.bin")
                .then().statusCode(400).body("errors[0].field", equalTo("sha256"));
    }

    @Test
    void anInterruptedUploadLeavesTheVersionPendingAndNothingStored() throws Exception {
        String name = model("interrupted");
        version(name, ", \"await_upload\": true");
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + files(name) + "/model.bin HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + EDITOR + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 10000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // More than the store's write batch (1 MB): some of it is on disk when the connection breaks.
            out.write(bytes(3_500_000, 4));
            out.flush();
        }
        // The upload reaches the server after the socket is closed here: first wait for its partial file to appear
        // (briefly: it may have come and gone already), then for the server to notice the closed connection and
        // remove it. Checking only for its absence could look before the server even began.
        awaitPartialFiles(true, 2);
        awaitPartialFiles(false, 10);
        assertEquals(0, partialFiles(), "an interrupted upload leaves no partial file");
        given().auth().oauth2(EDITOR).when().get(files(name)).then().body("", hasSize(0));
        given().auth().oauth2(EDITOR).contentType("application/json").body("{\"status\": \"ready\"}")
                .when().patch("/api/v2/models/" + name + "/versions/1")
                .then().statusCode(409);
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name + "/versions/1")
                .then().body("status", equalTo("pending"));
    }

    @Test
    void filesOfAReadyVersionDoNotChangeAndPathsStayInside() {
        String name = model("frozen");
        version(name, "");
        given().auth().oauth2(EDITOR).contentType("application/octet-stream").body(new byte[] {1})
                .when().put(files(name) + "/model.bin")
                .then().statusCode(409).body("detail", containsString("ready"));
        String pending = model("paths");
        version(pending, ", \"await_upload\": true");
        given().urlEncodingEnabled(false).auth().oauth2(EDITOR).contentType("application/octet-stream")
                .body(new byte[] {1})
                .when().put(files(pending) + "/dir/%3Cscript%3E.bin")
                .then().statusCode(400).body("errors[0].field", equalTo("path"));
        // ".." never reaches the registry: the HTTP layer resolves it, so this names another, absent, path.
        given().urlEncodingEnabled(false).auth().oauth2(EDITOR).contentType("application/octet-stream")
                .body(new byte[] {1})
                .when().put(files(pending) + "/%2E%2E/%2E%2E/escape.bin")
                .then().statusCode(404);
        given().auth().oauth2(EDITOR).contentType("application/octet-stream").body(new byte[] {1})
                .when().put("/api/v2/models/" + pending + "/versions/5/artifacts/model.bin")
                .then().statusCode(404);
    }

    @Test
    void anEmptyFileIsAFile() throws Exception {
        String name = model("empty");
        version(name, ", \"await_upload\": true");
        given().auth().oauth2(EDITOR).contentType("application/octet-stream").body(new byte[0])
                .when().put(files(name) + "/empty.txt")
                .then().statusCode(201).body("size_bytes", equalTo(0)).body("sha256", equalTo(sha256(new byte[0])));
        InputStream body = given().auth().oauth2(EDITOR).when().get(files(name) + "/empty.txt")
                .then().statusCode(200).extract().asInputStream();
        assertEquals(-1, body.read());
    }
}
