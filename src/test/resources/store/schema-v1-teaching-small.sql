PRAGMA user_version=1;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE model (id INTEGER PRIMARY KEY CHECK (id = 1), schema_version INTEGER NOT NULL, name TEXT,
  description TEXT, has_raw_placement INTEGER NOT NULL DEFAULT 0, has_scheduler INTEGER NOT NULL DEFAULT 0,
  host_subset_size INTEGER, shuffle_best_same_weighed_hosts INTEGER, max_attempts INTEGER,
  max_placement_results INTEGER, has_filter_list INTEGER NOT NULL DEFAULT 0);
INSERT INTO model VALUES(1,1,'teaching-small','Two cells, eight hosts and one of each kind of device: the default cloud for learning.',0,1,1,0,3,1000,1);
CREATE TABLE scheduler_filter (ord INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO scheduler_filter VALUES(0,'ComputeFilter');
INSERT INTO scheduler_filter VALUES(1,'ComputeCapabilitiesFilter');
INSERT INTO scheduler_filter VALUES(2,'ImagePropertiesFilter');
INSERT INTO scheduler_filter VALUES(3,'ServerGroupAntiAffinityFilter');
INSERT INTO scheduler_filter VALUES(4,'ServerGroupAffinityFilter');
CREATE TABLE scheduler_weigher (ord INTEGER PRIMARY KEY, name TEXT NOT NULL, multiplier REAL);
INSERT INTO scheduler_weigher VALUES(0,'RAMWeigher',1.0);
INSERT INTO scheduler_weigher VALUES(1,'CPUWeigher',1.0);
INSERT INTO scheduler_weigher VALUES(2,'DiskWeigher',1.0);
INSERT INTO scheduler_weigher VALUES(3,'IoOpsWeigher',-1.0);
INSERT INTO scheduler_weigher VALUES(4,'PCIWeigher',1.0);
INSERT INTO scheduler_weigher VALUES(5,'ServerGroupSoftAffinityWeigher',1.0);
INSERT INTO scheduler_weigher VALUES(6,'ServerGroupSoftAntiAffinityWeigher',1.0);
INSERT INTO scheduler_weigher VALUES(7,'BuildFailureWeigher',1000000.0);
INSERT INTO scheduler_weigher VALUES(8,'CrossCellWeigher',1000000.0);
CREATE TABLE cell (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, uuid TEXT, up INTEGER);
INSERT INTO cell VALUES(0,'cell1',NULL,1);
INSERT INTO cell VALUES(1,'cell2',NULL,1);
CREATE TABLE aggregate (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, uuid TEXT, availability_zone TEXT);
INSERT INTO aggregate VALUES(0,'az1',NULL,'az1');
INSERT INTO aggregate VALUES(1,'az2',NULL,'az2');
INSERT INTO aggregate VALUES(2,'ceph',NULL,NULL);
INSERT INTO aggregate VALUES(3,'fast-cpu',NULL,NULL);
CREATE TABLE aggregate_metadata (aggregate INTEGER NOT NULL REFERENCES aggregate(ord), key TEXT NOT NULL,
  value TEXT, PRIMARY KEY (aggregate, key));
INSERT INTO aggregate_metadata VALUES(0,'availability_zone','az1');
INSERT INTO aggregate_metadata VALUES(1,'availability_zone','az2');
INSERT INTO aggregate_metadata VALUES(2,'storage','ceph');
INSERT INTO aggregate_metadata VALUES(3,'cpu','avx512');
CREATE TABLE host (ord INTEGER PRIMARY KEY, hostname TEXT NOT NULL UNIQUE, uuid TEXT, cell TEXT, rack TEXT,
  hypervisor_type TEXT, status TEXT, numa_in_placement INTEGER, disk_gb INTEGER, shared_storage TEXT,
  reserved_vcpus INTEGER, reserved_memory_mb INTEGER, reserved_disk_gb INTEGER, cpu_allocation_ratio REAL,
  ram_allocation_ratio REAL, disk_allocation_ratio REAL, has_reserved INTEGER NOT NULL,
  has_ratios INTEGER NOT NULL);
INSERT INTO host VALUES(0,'cn-1',NULL,'cell1','r1','QEMU','ENABLED',0,1000,NULL,0,512,0,16.0,1.5,1.0,1,1);
INSERT INTO host VALUES(1,'cn-2',NULL,'cell1','r1','QEMU','ENABLED',0,1000,NULL,0,512,0,16.0,1.5,1.0,1,1);
INSERT INTO host VALUES(2,'cn-3',NULL,'cell1','r1','QEMU','ENABLED',1,1000,NULL,0,512,0,16.0,1.5,1.0,1,1);
INSERT INTO host VALUES(3,'cn-4',NULL,'cell1','r2','QEMU','ENABLED',0,1000,NULL,0,512,0,16.0,1.5,1.0,1,1);
INSERT INTO host VALUES(4,'cn-5',NULL,'cell2','r3','QEMU','ENABLED',0,0,'ceph-pool',0,512,0,16.0,1.5,1.0,1,1);
INSERT INTO host VALUES(5,'cn-6',NULL,'cell2','r3','QEMU','ENABLED',0,0,'ceph-pool',0,512,0,16.0,1.5,1.0,1,1);
INSERT INTO host VALUES(6,'cn-7',NULL,'cell2','r3','QEMU','ENABLED',0,500,NULL,0,512,0,16.0,1.5,1.0,1,1);
INSERT INTO host VALUES(7,'cn-8',NULL,'cell2','r4','QEMU','DISABLED',0,500,NULL,0,512,0,16.0,1.5,1.0,1,1);
CREATE TABLE host_aggregate (host INTEGER NOT NULL REFERENCES host(ord), ord INTEGER NOT NULL,
  aggregate TEXT NOT NULL, PRIMARY KEY (host, ord));
INSERT INTO host_aggregate VALUES(0,0,'az1');
INSERT INTO host_aggregate VALUES(1,0,'az1');
INSERT INTO host_aggregate VALUES(1,1,'fast-cpu');
INSERT INTO host_aggregate VALUES(2,0,'az1');
INSERT INTO host_aggregate VALUES(3,0,'az1');
INSERT INTO host_aggregate VALUES(4,0,'az2');
INSERT INTO host_aggregate VALUES(4,1,'ceph');
INSERT INTO host_aggregate VALUES(5,0,'az2');
INSERT INTO host_aggregate VALUES(5,1,'ceph');
INSERT INTO host_aggregate VALUES(6,0,'az2');
INSERT INTO host_aggregate VALUES(7,0,'az2');
CREATE TABLE host_trait (host INTEGER NOT NULL REFERENCES host(ord), kind TEXT NOT NULL, ord INTEGER NOT NULL,
  trait TEXT NOT NULL, PRIMARY KEY (host, kind, ord));
INSERT INTO host_trait VALUES(0,'cpu',0,'HW_CPU_X86_AVX2');
INSERT INTO host_trait VALUES(0,'cpu',1,'HW_CPU_X86_SSE42');
INSERT INTO host_trait VALUES(0,'other',0,'COMPUTE_VOLUME_MULTI_ATTACH');
INSERT INTO host_trait VALUES(1,'cpu',0,'HW_CPU_X86_AVX2');
INSERT INTO host_trait VALUES(1,'cpu',1,'HW_CPU_X86_AVX512F');
INSERT INTO host_trait VALUES(1,'cpu',2,'HW_CPU_X86_SSE42');
INSERT INTO host_trait VALUES(1,'other',0,'COMPUTE_VOLUME_MULTI_ATTACH');
INSERT INTO host_trait VALUES(2,'cpu',0,'HW_CPU_X86_AVX2');
INSERT INTO host_trait VALUES(2,'cpu',1,'HW_CPU_X86_SSE42');
INSERT INTO host_trait VALUES(2,'other',0,'COMPUTE_VOLUME_MULTI_ATTACH');
INSERT INTO host_trait VALUES(3,'cpu',0,'HW_CPU_X86_AVX2');
INSERT INTO host_trait VALUES(3,'cpu',1,'HW_CPU_X86_SSE42');
INSERT INTO host_trait VALUES(3,'other',0,'COMPUTE_VOLUME_MULTI_ATTACH');
INSERT INTO host_trait VALUES(4,'cpu',0,'HW_CPU_X86_AVX2');
INSERT INTO host_trait VALUES(4,'cpu',1,'HW_CPU_X86_SSE42');
INSERT INTO host_trait VALUES(4,'other',0,'COMPUTE_VOLUME_MULTI_ATTACH');
INSERT INTO host_trait VALUES(5,'cpu',0,'HW_CPU_X86_AVX2');
INSERT INTO host_trait VALUES(5,'cpu',1,'HW_CPU_X86_SSE42');
INSERT INTO host_trait VALUES(5,'other',0,'COMPUTE_VOLUME_MULTI_ATTACH');
INSERT INTO host_trait VALUES(6,'cpu',0,'HW_CPU_X86_AVX2');
INSERT INTO host_trait VALUES(6,'cpu',1,'HW_CPU_X86_SSE42');
INSERT INTO host_trait VALUES(6,'other',0,'COMPUTE_VOLUME_MULTI_ATTACH');
INSERT INTO host_trait VALUES(7,'cpu',0,'HW_CPU_X86_AVX2');
INSERT INTO host_trait VALUES(7,'cpu',1,'HW_CPU_X86_SSE42');
INSERT INTO host_trait VALUES(7,'other',0,'COMPUTE_VOLUME_MULTI_ATTACH');
CREATE TABLE numa_node (host INTEGER NOT NULL REFERENCES host(ord), ord INTEGER NOT NULL, id INTEGER NOT NULL,
  cpus INTEGER NOT NULL, pcpus INTEGER NOT NULL, memory_mb INTEGER NOT NULL, hugepages_1g INTEGER,
  PRIMARY KEY (host, ord));
INSERT INTO numa_node VALUES(0,0,0,16,0,65536,0);
INSERT INTO numa_node VALUES(1,0,0,16,0,65536,0);
INSERT INTO numa_node VALUES(1,1,1,16,0,65536,0);
INSERT INTO numa_node VALUES(2,0,0,12,4,65536,0);
INSERT INTO numa_node VALUES(2,1,1,12,4,65536,0);
INSERT INTO numa_node VALUES(3,0,0,16,0,98304,0);
INSERT INTO numa_node VALUES(3,1,1,16,0,98304,0);
INSERT INTO numa_node VALUES(4,0,0,16,0,65536,0);
INSERT INTO numa_node VALUES(4,1,1,16,0,65536,0);
INSERT INTO numa_node VALUES(5,0,0,16,0,65536,0);
INSERT INTO numa_node VALUES(5,1,1,16,0,65536,0);
INSERT INTO numa_node VALUES(6,0,0,8,0,32768,0);
INSERT INTO numa_node VALUES(7,0,0,8,0,32768,0);
CREATE TABLE pf (host INTEGER NOT NULL REFERENCES host(ord), ord INTEGER NOT NULL, name TEXT, numa_node INTEGER,
  physnet TEXT, vfs INTEGER NOT NULL, egress_kbps INTEGER, ingress_kbps INTEGER, PRIMARY KEY (host, ord));
INSERT INTO pf VALUES(2,0,'ens1f0',0,'physnet1',8,10000000,10000000);
INSERT INTO pf VALUES(2,1,'ens1f1',1,'physnet2',8,10000000,10000000);
CREATE TABLE gpu (host INTEGER NOT NULL REFERENCES host(ord), ord INTEGER NOT NULL, name TEXT, numa_node INTEGER,
  kind TEXT, count INTEGER NOT NULL, model TEXT, PRIMARY KEY (host, ord));
INSERT INTO gpu VALUES(3,0,'gpu0',0,'VGPU',8,'nvidia-35');
CREATE TABLE accelerator (host INTEGER NOT NULL REFERENCES host(ord), ord INTEGER NOT NULL, name TEXT,
  numa_node INTEGER, type TEXT, vendor TEXT, count INTEGER, has_traits INTEGER NOT NULL,
  PRIMARY KEY (host, ord));
INSERT INTO accelerator VALUES(3,0,'fpga0',1,'FPGA','intel',1,1);
CREATE TABLE accelerator_trait (host INTEGER NOT NULL, accelerator INTEGER NOT NULL, ord INTEGER NOT NULL,
  trait TEXT NOT NULL, PRIMARY KEY (host, accelerator, ord),
  FOREIGN KEY (host, accelerator) REFERENCES accelerator(host, ord));
INSERT INTO accelerator_trait VALUES(3,0,0,'CUSTOM_FPGA_INTEL_PAC_ARRIA10');
INSERT INTO accelerator_trait VALUES(3,0,1,'CUSTOM_FPGA_FUNCTION_GZIP');
CREATE TABLE baremetal_node (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, uuid TEXT, cell TEXT, rack TEXT,
  resource_class TEXT, cpus INTEGER, memory_mb INTEGER, disk_gb INTEGER, status TEXT);
INSERT INTO baremetal_node VALUES(0,'bm-1',NULL,'cell2','r4','CUSTOM_BAREMETAL_GOLD',48,262144,2000,'ENABLED');
CREATE TABLE baremetal_trait (node INTEGER NOT NULL REFERENCES baremetal_node(ord), ord INTEGER NOT NULL,
  trait TEXT NOT NULL, PRIMARY KEY (node, ord));
INSERT INTO baremetal_trait VALUES(0,0,'CUSTOM_RAID1');
CREATE TABLE baremetal_aggregate (node INTEGER NOT NULL REFERENCES baremetal_node(ord), ord INTEGER NOT NULL,
  aggregate TEXT NOT NULL, PRIMARY KEY (node, ord));
INSERT INTO baremetal_aggregate VALUES(0,0,'az2');
CREATE TABLE shared_storage (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, uuid TEXT, disk_gb INTEGER NOT NULL,
  reserved_gb INTEGER, allocation_ratio REAL);
INSERT INTO shared_storage VALUES(0,'ceph-pool',NULL,20000,100,1.0);
CREATE TABLE shared_storage_aggregate (pool INTEGER NOT NULL REFERENCES shared_storage(ord), ord INTEGER NOT NULL,
  aggregate TEXT NOT NULL, PRIMARY KEY (pool, ord));
INSERT INTO shared_storage_aggregate VALUES(0,0,'ceph');
CREATE TABLE shared_storage_trait (pool INTEGER NOT NULL REFERENCES shared_storage(ord), ord INTEGER NOT NULL,
  trait TEXT NOT NULL, PRIMARY KEY (pool, ord));
INSERT INTO shared_storage_trait VALUES(0,0,'STORAGE_DISK_SSD');
CREATE TABLE flavor (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, vcpus INTEGER NOT NULL, ram_mb INTEGER NOT NULL, disk_gb INTEGER NOT NULL);
INSERT INTO flavor VALUES(0,'m1.tiny',1,512,1);
INSERT INTO flavor VALUES(1,'m1.small',1,2048,20);
INSERT INTO flavor VALUES(2,'m1.medium',2,4096,40);
INSERT INTO flavor VALUES(3,'m1.large',4,8192,80);
INSERT INTO flavor VALUES(4,'m1.xlarge',8,16384,160);
INSERT INTO flavor VALUES(5,'c1.pinned',2,4096,20);
INSERT INTO flavor VALUES(6,'g1.vgpu',4,8192,40);
INSERT INTO flavor VALUES(7,'f1.fpga',4,8192,40);
INSERT INTO flavor VALUES(8,'a1.avx512',2,4096,20);
INSERT INTO flavor VALUES(9,'bm.gold',48,262144,2000);
CREATE TABLE flavor_extra_spec (flavor INTEGER NOT NULL REFERENCES flavor(ord), key TEXT NOT NULL, value TEXT,
  PRIMARY KEY (flavor, key));
INSERT INTO flavor_extra_spec VALUES(5,'hw:cpu_policy','dedicated');
INSERT INTO flavor_extra_spec VALUES(6,'resources:VGPU','1');
INSERT INTO flavor_extra_spec VALUES(7,'accel:device_profile','fpga-gzip');
INSERT INTO flavor_extra_spec VALUES(8,'trait:HW_CPU_X86_AVX512F','required');
INSERT INTO flavor_extra_spec VALUES(9,'resources:CUSTOM_BAREMETAL_GOLD','1');
INSERT INTO flavor_extra_spec VALUES(9,'resources:DISK_GB','0');
INSERT INTO flavor_extra_spec VALUES(9,'resources:MEMORY_MB','0');
INSERT INTO flavor_extra_spec VALUES(9,'resources:VCPU','0');
CREATE TABLE image (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
INSERT INTO image VALUES(0,'cirros');
INSERT INTO image VALUES(1,'ubuntu-q35');
CREATE TABLE image_property (image INTEGER NOT NULL REFERENCES image(ord), key TEXT NOT NULL, value TEXT,
  PRIMARY KEY (image, key));
INSERT INTO image_property VALUES(1,'hw_machine_type','q35');
INSERT INTO image_property VALUES(1,'os_distro','ubuntu');
CREATE TABLE port (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, vnic_type TEXT, physnet TEXT,
  min_egress_kbps INTEGER, min_ingress_kbps INTEGER);
INSERT INTO port VALUES(0,'sriov-a','direct','physnet1',0,0);
INSERT INTO port VALUES(1,'sriov-bw','direct','physnet2',1000000,1000000);
INSERT INTO port VALUES(2,'ovs-port','normal',NULL,0,0);
CREATE TABLE device_profile (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
INSERT INTO device_profile VALUES(0,'fpga-gzip');
CREATE TABLE device_profile_group (profile INTEGER NOT NULL REFERENCES device_profile(ord), grp INTEGER NOT NULL,
  key TEXT NOT NULL, value TEXT, PRIMARY KEY (profile, grp, key));
INSERT INTO device_profile_group VALUES(0,0,'resources:FPGA','1');
INSERT INTO device_profile_group VALUES(0,0,'trait:CUSTOM_FPGA_INTEL','required');
CREATE TABLE server_group (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, uuid TEXT, policy TEXT);
INSERT INTO server_group VALUES(0,'web',NULL,'ANTI_AFFINITY');
INSERT INTO server_group VALUES(1,'db',NULL,'AFFINITY');
CREATE TABLE instance (ord INTEGER PRIMARY KEY, name TEXT, uuid TEXT, flavor TEXT, image TEXT, host TEXT,
  cell TEXT, state TEXT, server_group TEXT, project_id TEXT, user_id TEXT, has_allocations INTEGER NOT NULL);
INSERT INTO instance VALUES(0,'web-1',NULL,'m1.small','cirros','cn-1','cell1','ACTIVE','web',NULL,NULL,0);
INSERT INTO instance VALUES(1,'web-2',NULL,'m1.small','cirros','cn-2','cell1','ACTIVE','web',NULL,NULL,0);
INSERT INTO instance VALUES(2,'db-1',NULL,'m1.large','ubuntu-q35','cn-5','cell2','ACTIVE','db',NULL,NULL,0);
INSERT INTO instance VALUES(3,'nfv-1',NULL,'c1.pinned','cirros','cn-3','cell1','ACTIVE',NULL,NULL,NULL,0);
INSERT INTO instance VALUES(4,'vdi-1',NULL,'g1.vgpu','ubuntu-q35','cn-4','cell1','ACTIVE',NULL,NULL,NULL,0);
INSERT INTO instance VALUES(5,'batch-1',NULL,'m1.medium','cirros','cn-6','cell2','ACTIVE',NULL,NULL,NULL,0);
CREATE TABLE instance_port (instance INTEGER NOT NULL REFERENCES instance(ord), ord INTEGER NOT NULL,
  port TEXT NOT NULL, PRIMARY KEY (instance, ord));
INSERT INTO instance_port VALUES(3,0,'sriov-a');
CREATE TABLE allocation (instance INTEGER NOT NULL REFERENCES instance(ord), ord INTEGER NOT NULL,
  provider TEXT NOT NULL, resource_class TEXT NOT NULL, amount INTEGER NOT NULL, PRIMARY KEY (instance, ord));
CREATE TABLE migration (ord INTEGER PRIMARY KEY, uuid TEXT, instance TEXT, type TEXT, source TEXT,
  destination TEXT, status TEXT, new_flavor TEXT);
INSERT INTO migration VALUES(0,NULL,'batch-1','RESIZE','cn-6','cn-7','FINISHED','m1.large');
CREATE TABLE rp (ord INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT, parent_uuid TEXT);
CREATE TABLE rp_inventory (rp INTEGER NOT NULL REFERENCES rp(ord), ord INTEGER NOT NULL,
  resource_class TEXT NOT NULL, total INTEGER, reserved INTEGER, min_unit INTEGER, max_unit INTEGER,
  step_size INTEGER, allocation_ratio REAL, PRIMARY KEY (rp, ord));
CREATE TABLE rp_trait (rp INTEGER NOT NULL REFERENCES rp(ord), ord INTEGER NOT NULL, trait TEXT NOT NULL,
  PRIMARY KEY (rp, ord));
CREATE TABLE rp_aggregate (rp INTEGER NOT NULL REFERENCES rp(ord), ord INTEGER NOT NULL,
  aggregate TEXT NOT NULL, PRIMARY KEY (rp, ord));
CREATE TABLE consumer (ord INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, project_id TEXT, user_id TEXT,
  consumer_type TEXT);
CREATE TABLE consumer_allocation (consumer INTEGER NOT NULL REFERENCES consumer(ord), ord INTEGER NOT NULL,
  rp TEXT NOT NULL, resource_class TEXT NOT NULL, amount INTEGER NOT NULL, PRIMARY KEY (consumer, ord));
CREATE TABLE aggregate_name (uuid TEXT PRIMARY KEY, name TEXT);
CREATE INDEX host_cell ON host(cell);
CREATE INDEX instance_host ON instance(host);
COMMIT;
