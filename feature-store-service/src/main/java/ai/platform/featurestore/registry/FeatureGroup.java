package ai.platform.featurestore.registry;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A feature group as stored in {@code feature_store.feature_groups}. */
@Entity
@Table(name = "feature_groups")
public class FeatureGroup extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    public String name;

    public String description;

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "source_type")
    public String sourceType;

    @Column(name = "source_uri")
    public String sourceUri;

    /** The join keys that identify an entity of this group, in order (user_id; or user_id, item_id). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "entity_keys")
    public String[] entityKeys;

    /** Whether ingested values are also written to the online store. */
    public boolean online;

    /** How long an online value stays valid after its event time; null: forever. */
    @Column(name = "ttl_seconds")
    public Long ttlSeconds;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> tags;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
