package ai.platform.registry.models;

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

/** A registered model as stored in {@code model_registry.registered_models}. */
@Entity
@Table(name = "registered_models")
public class RegisteredModel extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    public String name;

    public String description;

    public String project;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> tags;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
