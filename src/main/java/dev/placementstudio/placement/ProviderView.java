package dev.placementstudio.placement;

import java.util.List;
import java.util.Map;

/**
 * A resource provider as a reader sees it at one moment (what {@code openstack resource provider show}
 * and its inventory, trait, aggregate and usage subcommands report).
 */
public record ProviderView(String uuid, String name, long generation, String parentUuid, String rootUuid,
                           Map<String, Inventory> inventories, Map<String, Long> usages, List<String> traits,
                           List<String> aggregates) {
}
