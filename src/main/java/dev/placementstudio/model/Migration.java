package dev.placementstudio.model;

/**
 * A migration record. Since Queens it is a Placement consumer of its own: it holds the instance's old
 * allocation on the source while the instance consumes on the destination.
 *
 * @param newFlavor the flavor after a resize (null for a plain move)
 */
public record Migration(String uuid, String instance, MigrationType type, String source, String destination,
                        MigrationStatus status, String newFlavor) {
    public Migration {
        type = type == null ? MigrationType.MIGRATION : type;
        status = status == null ? MigrationStatus.FINISHED : status;
    }

    public String effectiveUuid() {
        return uuid != null ? uuid : Ids.uuidFor("migration", instance + "/" + source + "/" + destination);
    }

    /** True while the move holds resources on both hosts. */
    public boolean holdsSource() {
        return status == MigrationStatus.IN_PROGRESS || status == MigrationStatus.FINISHED;
    }
}
