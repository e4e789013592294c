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

/** One saved state of a notebook: every save keeps the document it replaced readable. */
@Entity
@Table(name = "notebook_versions")
public class NotebookVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(name = "notebook_id")
    public UUID notebookId;

    public int version;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> content;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
