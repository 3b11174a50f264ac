package dev.placementstudio.model;

import java.util.List;

/**
 * An SR-IOV NIC's physical function, as Neutron's SR-IOV agent reports it: a child provider of the
 * compute with its virtual functions and its bandwidth.
 *
 * @param name device name (ens1f0)
 * @param numaNode the NUMA node it is attached to
 * @param physnet the physical network it reaches
 * @param vfs number of virtual functions
 * @param egressKbps egress bandwidth in kbit/s (0: not reported)
 * @param ingressKbps ingress bandwidth in kbit/s (0: not reported)
 */
public record PhysicalFunction(String name, Integer numaNode, String physnet, int vfs, Long egressKbps,
                               Long ingressKbps) {
    public PhysicalFunction {
        numaNode = numaNode == null ? 0 : numaNode;
        egressKbps = egressKbps == null ? 0L : egressKbps;
        ingressKbps = ingressKbps == null ? 0L : ingressKbps;
    }
}
