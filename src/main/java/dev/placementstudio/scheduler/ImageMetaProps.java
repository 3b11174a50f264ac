package dev.placementstudio.scheduler;

import java.util.Locale;
import java.util.Set;

/**
 * Nova's typed image properties ({@code nova/objects/image_meta.py} ImageMetaProps): which names are
 * properties at all, and how a property's text becomes the typed value a filter compares (booleans are
 * flexible, integers are ints, architectures canonical).
 */
final class ImageMetaProps {
    private ImageMetaProps() {
    }

    static final Set<String> BOOLEANS = Set.of("hw_boot_menu", "hw_ephemeral_encryption", "hw_ipxe_boot",
            "hw_locked_memory", "hw_mem_encryption", "hw_pmu", "hw_qemu_guest_agent", "hw_time_hpet",
            "hw_vif_multiqueue_enabled", "img_bdm_v2", "img_bittorrent", "img_cache_in_nova", "img_hide_hypervisor_id",
            "img_linked_clone", "img_use_agent", "os_require_quiesce", "os_skip_agent_inject_files_at_boot",
            "os_skip_agent_inject_ssh");
    static final Set<String> INTEGERS = Set.of("hw_cpu_cores", "hw_cpu_max_cores", "hw_cpu_max_sockets",
            "hw_cpu_max_threads", "hw_cpu_sockets", "hw_cpu_threads", "hw_device_id", "hw_numa_nodes",
            "hw_serial_port_count", "hw_video_ram", "img_compression_level", "img_version");
    /** Lists and sets: not compared here (their text is Python's repr of a list). */
    static final Set<String> LISTS = Set.of("hw_numa_cpus", "hw_numa_mem", "img_block_device_mapping", "img_mappings",
            "traits_required");
    static final Set<String> FIELDS = Set.of("hw_architecture", "hw_auto_disk_config", "hw_boot_menu", "hw_cdrom_bus",
            "hw_cpu_cores", "hw_cpu_max_cores", "hw_cpu_max_sockets", "hw_cpu_max_threads", "hw_cpu_policy",
            "hw_cpu_realtime_mask", "hw_cpu_sockets", "hw_cpu_thread_policy", "hw_cpu_threads", "hw_device_id",
            "hw_disk_bus", "hw_disk_type", "hw_emulation_architecture", "hw_ephemeral_encryption",
            "hw_ephemeral_encryption_format", "hw_firmware_type", "hw_floppy_bus", "hw_input_bus", "hw_ipxe_boot",
            "hw_locked_memory", "hw_machine_type", "hw_mem_encryption", "hw_mem_page_size", "hw_numa_cpus",
            "hw_numa_mem", "hw_numa_nodes", "hw_pci_numa_affinity_policy", "hw_pmu", "hw_pointer_model",
            "hw_qemu_guest_agent", "hw_rescue_bus", "hw_rescue_device", "hw_rng_model", "hw_scsi_model",
            "hw_serial_port_count", "hw_time_hpet", "hw_tpm_model", "hw_tpm_version", "hw_video_model", "hw_video_ram",
            "hw_vif_model", "hw_vif_multiqueue_enabled", "hw_viommu_model", "hw_vm_mode", "hw_watchdog_action",
            "img_bdm_v2", "img_bittorrent", "img_block_device_mapping", "img_cache_in_nova", "img_compression_level",
            "img_config_drive", "img_hide_hypervisor_id", "img_hv_requested_version", "img_hv_type",
            "img_linked_clone", "img_mappings", "img_owner_id", "img_root_device_name", "img_signature",
            "img_signature_certificate_uuid", "img_signature_hash_method", "img_signature_key_type", "img_use_agent",
            "img_version", "os_admin_user", "os_command_line", "os_distro", "os_require_quiesce", "os_secure_boot",
            "os_skip_agent_inject_files_at_boot", "os_skip_agent_inject_ssh", "os_type", "traits_required");

    static boolean isField(String name) {
        return FIELDS.contains(name) && !LISTS.contains(name);
    }

    /** {@code str(value)} of the typed property, or null when the value is falsy (Nova then skips it). */
    static String pythonStr(String name, String raw) {
        if (BOOLEANS.contains(name)) {
            String l = raw.strip().toLowerCase(Locale.ROOT);
            boolean t = l.equals("1") || l.equals("t") || l.equals("true") || l.equals("on") || l.equals("y")
                    || l.equals("yes");
            return t ? "True" : null;
        }
        if (INTEGERS.contains(name)) {
            Long n = AggregateFilters.pythonInt(raw);
            return n == null || n == 0 ? null : Long.toString(n);
        }
        if (name.equals("hw_architecture") || name.equals("hw_emulation_architecture")) {
            String a = ImagePropertiesCheck.architecture(raw);
            return a == null ? raw : a;
        }
        if (name.equals("img_hv_type")) {
            String t = ImagePropertiesCheck.hvType(raw);
            return t == null ? raw : t;
        }
        if (name.equals("hw_vm_mode")) {
            String m = ImagePropertiesCheck.vmMode(raw);
            return m == null ? raw : m;
        }
        return raw.isEmpty() ? null : raw;
    }
}
