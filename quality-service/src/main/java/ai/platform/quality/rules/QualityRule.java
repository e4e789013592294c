package ai.platform.quality.rules;

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

/** A quality rule as stored in {@code quality.quality_rules}. */
@Entity
@Table(name = "quality_rules")
public class QualityRule extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    public String name;

    public String description;

    @Column(name = "rule_type")
    public String ruleType;

    public String dataset;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> definition;

    public String severity;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
