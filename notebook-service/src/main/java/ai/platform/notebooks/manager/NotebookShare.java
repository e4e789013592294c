package ai.platform.notebooks.manager;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A user a notebook is shared with, and whether they may only view it or also edit it. */
@Entity
@Table(name = "notebook_shares")
public class NotebookShare extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(name = "notebook_id")
    public UUID notebookId;

    @Column(name = "user_id")
    public String userId;

    public String permission;

    @Column(name = "shared_by")
    public String sharedBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
