package ai.platform.featurestore.ingestion;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an ingestion did. {@code online}: {@code written}, {@code disabled} (an offline-only group) or
 * {@code pending} (the online store could not be written: the rows are safe offline, and the online store
 * catches up from there).
 */
@Schema(name = "IngestResult")
public record IngestResult(String featureGroup, int rows, int inserted, int duplicates, String online,
        String onlineError) {
}
