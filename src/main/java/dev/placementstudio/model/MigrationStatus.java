package dev.placementstudio.model;

/**
 * Where a move stands. While {@code IN_PROGRESS} or {@code FINISHED} (awaiting confirm) the migration
 * consumer holds the source and the instance holds the destination.
 */
public enum MigrationStatus { IN_PROGRESS, FINISHED, CONFIRMED, REVERTED, ERROR }
