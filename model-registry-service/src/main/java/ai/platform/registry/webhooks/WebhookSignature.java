package ai.platform.registry.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a delivery is signed: {@code X-Platform-Signature: sha256=<hex>}, the HMAC-SHA256 under the webhook's secret
 * of {@code <X-Platform-Timestamp>.<body>}. The timestamp is inside what is signed, so a receiver that refuses
 * old timestamps cannot be fed a recorded delivery again.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Platform-Signature";
    public static final String TIMESTAMP_HEADER = "X-Platform-Timestamp";
    public static final String EVENT_HEADER = "X-Platform-Event";
    public static final String DELIVERY_HEADER = "X-Platform-Delivery";

    private WebhookSignature() {
    }

    /** The header value for {@code body} sent at {@code timestamp} (Unix seconds). */
    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
