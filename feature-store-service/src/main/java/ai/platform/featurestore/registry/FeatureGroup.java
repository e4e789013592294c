package ai.platform.featurestore.registry;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

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

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
