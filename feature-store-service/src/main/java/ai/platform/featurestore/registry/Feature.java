package ai.platform.featurestore.registry;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A version of a feature of a group, as stored in {@code feature_store.features}. */
@Entity
@Table(name = "features")
public class Feature extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(name = "feature_group_id")
    public UUID featureGroupId;

    public String name;

    public String dtype;

    public String description;

    public int version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
