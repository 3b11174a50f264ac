package dev.placementstudio.model;

/** Kinds of move that hold resources on two hosts through a migration consumer. */
public enum MigrationType { MIGRATION, RESIZE, LIVE_MIGRATION, EVACUATION }
