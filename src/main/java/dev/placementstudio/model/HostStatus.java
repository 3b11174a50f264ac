package dev.placementstudio.model;

/** A nova-compute service as the scheduler sees it: enabled, disabled by an operator, or down. */
public enum HostStatus { ENABLED, DISABLED, DOWN }
