package dev.placementstudio.model;

/**
 * A physical GPU of a compute host, reported by the virt driver as a child provider.
 *
 * @param name device name (pgpu0)
 * @param numaNode NUMA node it hangs off
 * @param kind VGPU (mediated devices) or PGPU (whole device)
 * @param count VGPU instances it can hold, or 1 for a PGPU
 * @param model GPU type, e.g. {@code nvidia-35}; it becomes a {@code CUSTOM_VGPU_NVIDIA_35}-style trait
 */
public record GpuDevice(String name, Integer numaNode, GpuKind kind, int count, String model) {
    public GpuDevice {
        numaNode = numaNode == null ? 0 : numaNode;
        kind = kind == null ? GpuKind.VGPU : kind;
    }
}
