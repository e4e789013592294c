package ai.platform.notebooks.manager;

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

/** A notebook as stored in {@code notebooks.notebooks}: its current nbformat document and version number. */
@Entity
@Table(name = "notebooks")
public class Notebook extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    public String name;

    public String description;

    @Column(name = "owner_id")
    public String ownerId;

    public String project;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> content;

    @Column(name = "current_version")
    public int currentVersion;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
