package dev.placementstudio.model;

/** How a GPU is offered: sliced into mediated devices (VGPU) or passed through whole (PGPU). */
public enum GpuKind { VGPU, PGPU }
