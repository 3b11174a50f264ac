package dev.placementstudio.scheduler;

import dev.placementstudio.model.DeviceProfile;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Port;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The one Placement query Nova's ResourceRequest and request filters make of a RequestSpec. */
class ResourceRequestTest {
    private static String q(RequestSpec s) {
        return ResourceRequest.toQuery(s, null, 1000);
    }

    @Test
    void aPlainFlavorAsksTheUnsuffixedGroupAndSkipsDisabledComputes() {
        assertThat(q(RequestSpec.of("u", "vm", new Flavor("m1.small", 1, 2048, 20, Map.of()))))
                .isEqualTo("resources=VCPU:1,MEMORY_MB:2048,DISK_GB:20&root_required=!COMPUTE_STATUS_DISABLED&limit=1000");
    }

    @Test
    void dedicatedCpusArePcpus() {
        assertThat(q(RequestSpec.of("u", "vm", new Flavor("c1", 4, 4096, 0, Map.of("hw:cpu_policy", "dedicated")))))
                .startsWith("resources=PCPU:4,MEMORY_MB:4096&");
    }

    @Test
    void extraSpecsAddTraitsAndOverrideAmounts() {
        Flavor f = new Flavor("g1", 4, 8192, 40, Map.of("resources:VGPU", "1", "trait:HW_CPU_X86_AVX2", "required",
                "trait:CUSTOM_SLOW", "forbidden", "resources:DISK_GB", "0"));
        assertThat(q(RequestSpec.of("u", "vm", f))).isEqualTo(
                "resources=VCPU:4,MEMORY_MB:8192,VGPU:1&required=HW_CPU_X86_AVX2,!CUSTOM_SLOW&root_required=!COMPUTE_STATUS_DISABLED&limit=1000");
    }

    @Test
    void anIronicFlavorAsksOnlyItsCustomClass() {
        Flavor bm = new Flavor("bm.gold", 48, 262144, 2000, Map.of("resources:CUSTOM_BAREMETAL_GOLD", "1",
                "resources:VCPU", "0", "resources:MEMORY_MB", "0", "resources:DISK_GB", "0"));
        assertThat(q(RequestSpec.of("u", "bm", bm)))
                .isEqualTo("resources=CUSTOM_BAREMETAL_GOLD:1&root_required=!COMPUTE_STATUS_DISABLED&limit=1000");
    }

    @Test
    void granularGroupsForFlavorPortsAndDeviceProfiles() {
        Flavor f = new Flavor("nfv", 2, 2048, 10, Map.of("resources1:SRIOV_NET_VF", "1", "trait1:CUSTOM_PHYSNET_X", "required"));
        RequestSpec s = new RequestSpec("u", "vm", f, null, List.of(new Port("p", "direct", "physnet1", 1000L, null)),
                new DeviceProfile("fpga", List.of(Map.of("resources:FPGA", "1", "trait:CUSTOM_FPGA_INTEL", "required"))),
                null, Set.of(), null, Map.of(), "p", "u", Set.of(), null);
        String query = ResourceRequest.toQuery(s, "aaaaaaaa-0000-0000-0000-000000000001", 50);
        assertThat(query).contains("resources1=SRIOV_NET_VF:1&required1=CUSTOM_PHYSNET_X")
                .contains("resources_PORT0=SRIOV_NET_VF:1,NET_BW_EGR_KILOBIT_PER_SEC:1000&required_PORT0=CUSTOM_PHYSNET_PHYSNET1,CUSTOM_VNIC_TYPE_DIRECT")
                .contains("resources_ACC0=FPGA:1&required_ACC0=CUSTOM_FPGA_INTEL")
                .contains("member_of=in:aaaaaaaa-0000-0000-0000-000000000001")
                .contains("group_policy=none").endsWith("limit=50");
        // and the engine accepts it
        dev.placementstudio.placement.CandidateQuery.parse(query);
    }
}
