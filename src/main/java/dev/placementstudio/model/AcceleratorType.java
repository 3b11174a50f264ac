package dev.placementstudio.model;

/** The device types Cyborg reports to Placement. */
public enum AcceleratorType { FPGA, GPU }
