package dev.placementstudio.model;

import java.util.List;

/**
 * An accelerator as Cyborg reports it: a child provider of the compute with FPGA or PGPU inventory and
 * vendor/function traits.
 *
 * @param name device name (fpga0)
 * @param numaNode NUMA node it hangs off
 * @param type FPGA or GPU
 * @param vendor PCI vendor (intel, xilinx, nvidia); gives a {@code CUSTOM_<TYPE>_<VENDOR>} trait
 * @param count programmable regions (FPGA) or devices (GPU)
 * @param traits further traits, e.g. a function trait {@code CUSTOM_FPGA_FUNCTION_GZIP}
 */
public record Accelerator(String name, Integer numaNode, AcceleratorType type, String vendor, Integer count,
                          List<String> traits) {
    public Accelerator {
        numaNode = numaNode == null ? 0 : numaNode;
        type = type == null ? AcceleratorType.FPGA : type;
        count = count == null ? 1 : count;
        traits = List.copyOf(traits == null ? List.of() : traits);
    }
}
