package dev.placementstudio.model;

/**
 * A Neutron port the server is booted with. A {@code direct} port asks for an SR-IOV VF on its physnet;
 * a minimum-bandwidth QoS rule asks for NET_BW_* on the same PF.
 */
public record Port(String name, String vnicType, String physnet, Long minEgressKbps, Long minIngressKbps) {
    public Port {
        vnicType = vnicType == null ? "normal" : vnicType;
        minEgressKbps = minEgressKbps == null ? 0L : minEgressKbps;
        minIngressKbps = minIngressKbps == null ? 0L : minIngressKbps;
    }

    public boolean isSriov() {
        return "direct".equals(vnicType) || "macvtap".equals(vnicType) || "direct-physical".equals(vnicType);
    }
}
