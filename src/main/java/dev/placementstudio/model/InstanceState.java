package dev.placementstudio.model;

/** The vm_state of an instance, as Nova lists it; UNKNOWN is shown for instances of a down cell. */
public enum InstanceState { BUILDING, ACTIVE, ERROR, DELETED, UNKNOWN, RESIZED, MIGRATING }
