package dev.placementstudio.model;

/** Nova server group policies. */
public enum ServerGroupPolicy { AFFINITY, ANTI_AFFINITY, SOFT_AFFINITY, SOFT_ANTI_AFFINITY }
