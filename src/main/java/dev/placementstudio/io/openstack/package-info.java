/**
 * Live OpenStack clouds read through their public APIs: Keystone v3 authentication and the service
 * catalog, Nova's compute API (hosts, aggregates, flavors, groups, servers, moves) and Placement, with
 * paging, retries and one-line errors; {@link dev.placementstudio.io.openstack.OpenStackImport} makes a model of them.
 */
package dev.placementstudio.io.openstack;
