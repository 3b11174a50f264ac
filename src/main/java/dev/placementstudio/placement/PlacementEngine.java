package dev.placementstudio.placement;

import dev.placementstudio.model.PlacementState;
import dev.placementstudio.model.StandardNames;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * An in-memory Placement service: providers, inventories, traits, aggregates, consumers and allocations,
 * with Placement's generations and refusals, and {@code allocation_candidates}.
 *
 * <p>Thread-safe: reads (queries, views) run concurrently under a read lock; every write takes the write
 * lock, checks everything first and then applies all of it, so a refused write changes nothing. A write
 * that carries a stale generation is refused with a 409 {@code placement.concurrent_update}, which is how
 * two schedulers claiming the same last slot find out that one of them lost.
 */
public final class PlacementEngine {
    static final String SHARING_TRAIT = "MISC_SHARES_VIA_AGGREGATE";

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final NameRegistry classes = new NameRegistry(StandardNames.resourceClasses());
    final NameRegistry traitNames = new NameRegistry(StandardNames.traits());
    final List<Provider> providers = new ArrayList<>();
    final Map<String, Provider> byUuid = new HashMap<>();
    private final Map<String, Provider> byName = new HashMap<>();
    private final Map<String, ConsumerRecord> consumers = new LinkedHashMap<>();
    private final Map<String, String> aggregateNames = new TreeMap<>();
    private final List<Consumer<PlacementChange>> listeners = new CopyOnWriteArrayList<>();
    private volatile long structureVersion;
    private long version;
    private Structure structure;
    /** When true (the default) an inventory write that would leave less capacity than is used is refused. */
    private volatile boolean refuseCapacityBelowUsage = true;

    /** A consumer's allocations, kept under the write lock. */
    private static final class ConsumerRecord {
        final String uuid;
        Map<Provider, Map<Integer, Long>> allocations = new LinkedHashMap<>();
        String projectId;
        String userId;
        String consumerType;
        long generation;

        ConsumerRecord(String uuid) {
            this.uuid = uuid;
        }
    }

    public static PlacementEngine empty() {
        return new PlacementEngine();
    }

    /**
     * Loads a Placement state (a dump or a model's projection) as the oracle's loader does: custom classes
     * and traits, providers parent first with inventories, traits and aggregates, then allocations.
     */
    public static PlacementEngine fromState(PlacementState state) {
        PlacementEngine e = new PlacementEngine();
        e.load(state);
        return e;
    }

    private void load(PlacementState state) {
        lock.writeLock().lock();
        try {
            for (PlacementState.ResourceProviderRecord rp : state.resourceProviders()) {
                rp.inventories().keySet().forEach(this::ensureClassForLoad);
                rp.traits().forEach(this::ensureTraitForLoad);
            }
            state.allocations().values().forEach(c -> c.allocations().values()
                    .forEach(res -> res.keySet().forEach(this::ensureClassForLoad)));
            Map<String, PlacementState.ResourceProviderRecord> pending = new LinkedHashMap<>();
            state.resourceProviders().forEach(rp -> pending.put(rp.uuid(), rp));
            // parents first, whatever order the file has them in
            while (!pending.isEmpty()) {
                int before = pending.size();
                for (var it = pending.values().iterator(); it.hasNext(); ) {
                    PlacementState.ResourceProviderRecord rp = it.next();
                    if (rp.parentProviderUuid() == null || byUuid.containsKey(rp.parentProviderUuid())) {
                        Provider p = doCreateProvider(rp.uuid(), rp.name(), rp.parentProviderUuid());
                        Map<String, Inventory> inv = new LinkedHashMap<>();
                        rp.inventories().forEach((rc, r) -> inv.put(rc, new Inventory(r.total(), r.reserved(),
                                r.minUnit(), r.maxUnit(), r.stepSize(), r.allocationRatio())));
                        checkInventories(p, inv);
                        applyInventories(p, inv);
                        for (String t : rp.traits()) {
                            p.traits.set(traitNames.id(t));
                        }
                        p.aggregates.addAll(rp.aggregates());
                        it.remove();
                    }
                }
                if (pending.size() == before) {
                    throw PlacementException.badRequest("parent provider UUID does not exist: "
                            + pending.values().iterator().next().parentProviderUuid());
                }
            }
            aggregateNames.putAll(state.aggregateNames());
            Map<String, AllocationWrite> writes = new LinkedHashMap<>();
            state.allocations().forEach((c, rec) -> writes.put(c, new AllocationWrite(rec.allocations(),
                    rec.projectId(), rec.userId(), rec.consumerType(), null, false)));
            doWriteAllocations(writes);
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void ensureClassForLoad(String rc) {
        if (classes.id(rc) < 0) {
            if (!StandardNames.isCustom(rc)) {
                throw PlacementException.badRequest("No such resource class " + rc + ".");
            }
            classes.add(rc);
        }
    }

    private void ensureTraitForLoad(String t) {
        if (traitNames.id(t) < 0) {
            if (!StandardNames.isCustom(t)) {
                throw PlacementException.badRequest("No such trait(s): " + t + ".");
            }
            traitNames.add(t);
        }
    }

    // ------------------------------------------------------------------ observers and settings

    /** Registers an observer of every applied write; it is called on the writing thread, after the lock is released. */
    public void addListener(Consumer<PlacementChange> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<PlacementChange> listener) {
        listeners.remove(listener);
    }

    private void fire(PlacementChange change) {
        for (Consumer<PlacementChange> l : listeners) {
            l.accept(change);
        }
    }

    /**
     * Real Placement accepts an inventory smaller than what is already allocated (it only logs a warning);
     * Placement Studio refuses it by default, so a what-if edit cannot silently over-commit a host. The
     * REST server turns this off to behave as Placement does.
     */
    public void setRefuseCapacityBelowUsage(boolean refuse) {
        this.refuseCapacityBelowUsage = refuse;
    }

    /** Increases with every applied write; cheap change detection for views. */
    public long version() {
        lock.readLock().lock();
        try {
            return version;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------ reads

    public Optional<ProviderView> provider(String uuid) {
        lock.readLock().lock();
        try {
            Provider p = byUuid.get(uuid);
            return p == null ? Optional.empty() : Optional.of(view(p));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every provider, parents before children, in creation order. */
    public List<ProviderView> providers() {
        lock.readLock().lock();
        try {
            List<ProviderView> out = new ArrayList<>();
            for (Provider p : providers) {
                if (p != null) {
                    out.add(view(p));
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int providerCount() {
        lock.readLock().lock();
        try {
            return byUuid.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    private ProviderView view(Provider p) {
        Map<String, Inventory> inv = new LinkedHashMap<>();
        Map<String, Long> usages = new LinkedHashMap<>();
        for (int rc = 0; rc < p.inventory.length; rc++) {
            if (p.inventory[rc] != null) {
                inv.put(classes.name(rc), p.inventory[rc]);
                usages.put(classes.name(rc), p.used[rc]);
            }
        }
        List<String> traits = new ArrayList<>();
        for (int t = p.traits.nextSetBit(0); t >= 0; t = p.traits.nextSetBit(t + 1)) {
            traits.add(traitNames.name(t));
        }
        traits.sort(null);
        return new ProviderView(p.uuid, p.name, p.generation, p.parent == null ? null : p.parent.uuid, p.root.uuid,
                inv, usages, traits, List.copyOf(p.aggregates));
    }

    public Optional<ConsumerView> consumer(String uuid) {
        lock.readLock().lock();
        try {
            ConsumerRecord c = consumers.get(uuid);
            return c == null ? Optional.empty() : Optional.of(view(c));
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<ConsumerView> consumers() {
        lock.readLock().lock();
        try {
            List<ConsumerView> out = new ArrayList<>();
            consumers.values().forEach(c -> out.add(view(c)));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Allocations held against one provider, by consumer uuid. */
    public Map<String, Map<String, Long>> allocationsOnProvider(String providerUuid) {
        lock.readLock().lock();
        try {
            Provider p = requireProvider(providerUuid);
            Map<String, Map<String, Long>> out = new LinkedHashMap<>();
            for (ConsumerRecord c : consumers.values()) {
                Map<Integer, Long> res = c.allocations.get(p);
                if (res != null) {
                    Map<String, Long> named = new LinkedHashMap<>();
                    res.forEach((rc, amt) -> named.put(classes.name(rc), amt));
                    out.put(c.uuid, named);
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    private ConsumerView view(ConsumerRecord c) {
        Map<String, Map<String, Long>> allocs = new LinkedHashMap<>();
        c.allocations.forEach((p, res) -> {
            Map<String, Long> named = new LinkedHashMap<>();
            res.forEach((rc, amt) -> named.put(classes.name(rc), amt));
            allocs.put(p.uuid, named);
        });
        return new ConsumerView(c.uuid, allocs, c.projectId, c.userId, c.consumerType, c.generation);
    }

    /** Usages summed over the consumers of a project (and user, and consumer type, when given). */
    public Map<String, Long> usages(String projectId, String userId, String consumerType) {
        lock.readLock().lock();
        try {
            Map<String, Long> out = new TreeMap<>();
            for (ConsumerRecord c : consumers.values()) {
                if (!Objects.equals(c.projectId, projectId)
                        || (userId != null && !Objects.equals(c.userId, userId))
                        || (consumerType != null && !Objects.equals(c.consumerType, consumerType))) {
                    continue;
                }
                c.allocations.values().forEach(res -> res.forEach((rc, amt) -> out.merge(classes.name(rc), amt, Long::sum)));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<String> traits() {
        lock.readLock().lock();
        try {
            return traitNames.all();
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<String> resourceClasses() {
        lock.readLock().lock();
        try {
            return classes.all();
        } finally {
            lock.readLock().unlock();
        }
    }

    public Map<String, String> aggregateNames() {
        lock.readLock().lock();
        try {
            return Map.copyOf(aggregateNames);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The whole state in dump form (the oracle README's format). */
    public PlacementState snapshot() {
        lock.readLock().lock();
        try {
            List<PlacementState.ResourceProviderRecord> rps = new ArrayList<>();
            for (Provider p : providers) {
                if (p == null) {
                    continue;
                }
                ProviderView v = view(p);
                Map<String, PlacementState.InventoryRecord> inv = new LinkedHashMap<>();
                v.inventories().forEach((rc, i) -> inv.put(rc, new PlacementState.InventoryRecord(i.total(),
                        i.reserved(), i.minUnit(), i.maxUnit(), i.stepSize(), i.allocationRatio())));
                rps.add(new PlacementState.ResourceProviderRecord(p.uuid, p.name,
                        p.parent == null ? null : p.parent.uuid, inv, v.traits(), v.aggregates()));
            }
            Map<String, PlacementState.ConsumerRecord> allocs = new LinkedHashMap<>();
            for (ConsumerRecord c : consumers.values()) {
                ConsumerView v = view(c);
                allocs.put(c.uuid, new PlacementState.ConsumerRecord(v.allocations(), c.projectId, c.userId,
                        c.consumerType));
            }
            return new PlacementState(rps, allocs, aggregateNames);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Sets provider and consumer generations as a store kept them (a served model's state, reloaded), so a
     * client's next conditional write sees the generations it was last told.
     */
    public void restoreGenerations(Map<String, Long> providerGenerations, Map<String, Long> consumerGenerations) {
        lock.writeLock().lock();
        try {
            providerGenerations.forEach((uuid, g) -> {
                Provider p = byUuid.get(uuid);
                if (p != null) {
                    p.generation = g;
                }
            });
            consumerGenerations.forEach((uuid, g) -> {
                ConsumerRecord c = consumers.get(uuid);
                if (c != null) {
                    c.generation = g;
                }
            });
            version++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** An independent copy of this engine's state (for what-if questions that must not touch the original). */
    public PlacementEngine copy() {
        return fromState(snapshot());
    }

    // ------------------------------------------------------------------ allocation candidates

    /** {@code GET /allocation_candidates?query} at microversion 1.39. */
    public AllocationCandidates allocationCandidates(String query) {
        return allocationCandidates(query, CandidateQuery.MAX_MICROVERSION, CandidateOptions.PLACEMENT_8);
    }

    public AllocationCandidates allocationCandidates(String query, int microversion, CandidateOptions options) {
        CandidateQuery q = CandidateQuery.parse(query, microversion);
        return allocationCandidates(q, options);
    }

    public AllocationCandidates allocationCandidates(CandidateQuery q, CandidateOptions options) {
        lock.readLock().lock();
        try {
            return new CandidateSearch(this, structure(), q, options).run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Allocation candidates for a scheduler (Nova's HostManager): the same candidates, with each anchor
     * tree's capacity and usage summed ({@link AllocationCandidates#treeUsage()}) instead of a response
     * body's provider summaries, which saves most of the cost of a 1,000-candidate answer.
     */
    public AllocationCandidates schedulerCandidates(String query) {
        CandidateQuery q;
        synchronized (parsedQueries) {
            q = parsedQueries.get(query);
        }
        if (q == null) {
            q = CandidateQuery.parse(query, CandidateQuery.MAX_MICROVERSION);
            synchronized (parsedQueries) {
                parsedQueries.put(query, q);
            }
        }
        lock.readLock().lock();
        try {
            return new CandidateSearch(this, structure(), q, CandidateOptions.PLACEMENT_8).forScheduler().run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A scheduler asks the same few queries (one per flavor) again and again: parsed once (immutable). */
    private final Map<String, CandidateQuery> parsedQueries = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CandidateQuery> eldest) {
            return size() > 256;
        }
    };

    /** Read lock held by the caller. */
    Structure structure() {
        synchronized (this) {
            if (structure == null || structure.version != structureVersion) {
                structure = new Structure(this, structureVersion);
            }
            return structure;
        }
    }

    /** The write lock is held: the current structure's dense usage follows the providers' usage. */
    private void denseUsed(Provider p, int rc, long change) {
        Structure st = structure;
        if (st != null && st.version == structureVersion) {
            st.addUsed(p, rc, change);
        }
    }

    private void structureChanged() {
        structureVersion++;
        version++;
    }

    // ------------------------------------------------------------------ provider writes

    public ProviderView createProvider(String uuid, String name, String parentUuid) {
        lock.writeLock().lock();
        Provider p;
        try {
            p = doCreateProvider(uuid == null ? UUID.randomUUID().toString() : uuid, name, parentUuid);
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.ProviderChanged(p.uuid));
        return provider(p.uuid).orElseThrow();
    }

    private Provider doCreateProvider(String uuid, String name, String parentUuid) {
        if (name == null || name.isBlank()) {
            throw PlacementException.badRequest("A resource provider needs a name.");
        }
        if (byUuid.containsKey(uuid)) {
            throw PlacementException.conflict(PlacementException.DUPLICATE_NAME,
                    "Conflicting resource provider uuid: " + uuid + " already exists.");
        }
        if (byName.containsKey(name)) {
            throw PlacementException.conflict(PlacementException.DUPLICATE_NAME,
                    "Conflicting resource provider name: " + name + " already exists.");
        }
        Provider parent = null;
        if (parentUuid != null) {
            parent = byUuid.get(parentUuid);
            if (parent == null) {
                throw PlacementException.badRequest("parent provider UUID does not exist.");
            }
        }
        Provider p = new Provider(providers.size(), uuid, name);
        p.ensureClasses(classes.size());
        if (parent != null) {
            p.parent = parent;
            p.root = parent.root;
            parent.children.add(p);
        }
        providers.add(p);
        byUuid.put(uuid, p);
        byName.put(name, p);
        return p;
    }

    /**
     * Renames and (from microversion 1.37) re-parents a provider. Re-parenting may not make a loop; before
     * 1.37 only setting a parent on a root that had none is allowed, as Placement does.
     */
    public ProviderView updateProvider(String uuid, String name, String parentUuid, boolean allowReparent) {
        lock.writeLock().lock();
        try {
            Provider p = requireProvider(uuid);
            if (name != null && !name.equals(p.name)) {
                if (byName.containsKey(name)) {
                    throw PlacementException.conflict(PlacementException.DUPLICATE_NAME,
                            "Conflicting resource provider name: " + name + " already exists.");
                }
            }
            Provider newParent = parentUuid == null ? null : byUuid.get(parentUuid);
            if (parentUuid != null && newParent == null) {
                throw PlacementException.badRequest("parent provider UUID does not exist.");
            }
            if (newParent != p.parent) {
                if (!allowReparent && (p.parent != null)) {
                    throw PlacementException.badRequest("re-parenting a provider is not currently allowed.");
                }
                if (!allowReparent && newParent == null) {
                    throw PlacementException.badRequest("un-parenting a provider is not currently allowed.");
                }
                if (newParent != null && p.isAncestorOrSelfOf(newParent)) {
                    throw PlacementException.badRequest("creating loop in the provider tree is not allowed.");
                }
            }
            if (name != null) {
                byName.remove(p.name);
                p.name = name;
                byName.put(name, p);
            }
            if (newParent != p.parent) {
                if (p.parent != null) {
                    p.parent.children.remove(p);
                }
                p.parent = newParent;
                if (newParent != null) {
                    newParent.children.add(p);
                }
                setRoot(p, newParent == null ? p : newParent.root);
            }
            // Placement's provider save() leaves the generation alone
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.ProviderChanged(uuid));
        return provider(uuid).orElseThrow();
    }

    private static void setRoot(Provider p, Provider root) {
        p.root = root;
        for (Provider c : p.children) {
            setRoot(c, root);
        }
    }

    public void deleteProvider(String uuid) {
        lock.writeLock().lock();
        try {
            Provider p = requireProvider(uuid);
            if (!p.children.isEmpty()) {
                throw PlacementException.conflict(PlacementException.PROVIDER_CANNOT_DELETE_PARENT,
                        "Unable to delete parent resource provider " + uuid + ": It has child resource providers.");
            }
            for (ConsumerRecord c : consumers.values()) {
                if (c.allocations.containsKey(p)) {
                    throw PlacementException.conflict(PlacementException.PROVIDER_IN_USE,
                            "Unable to delete resource provider " + uuid + ": Resource provider has allocations.");
                }
            }
            if (p.parent != null) {
                p.parent.children.remove(p);
            }
            providers.set(p.index, null);
            byUuid.remove(uuid);
            byName.remove(p.name);
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.ProviderChanged(uuid));
    }

    Provider requireProvider(String uuid) {
        Provider p = byUuid.get(uuid);
        if (p == null) {
            throw new PlacementException(404, PlacementException.PROVIDER_NOT_FOUND,
                    "No resource provider with uuid " + uuid + " found");
        }
        return p;
    }

    private static void checkGeneration(Provider p, long generation) {
        if (p.generation != generation) {
            throw PlacementException.conflict(PlacementException.CONCURRENT_UPDATE,
                    "resource provider generation conflict");
        }
    }

    /** Replaces all inventories of a provider ({@code PUT .../inventories}). */
    public ProviderView setInventories(String uuid, long generation, Map<String, Inventory> inventories) {
        lock.writeLock().lock();
        try {
            Provider p = requireProvider(uuid);
            checkGeneration(p, generation);
            checkInventories(p, inventories);
            applyInventories(p, inventories);
            p.generation++;
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.ProviderChanged(uuid));
        return provider(uuid).orElseThrow();
    }

    /** Sets (adds or replaces) one inventory; the others stay. */
    public ProviderView setInventory(String uuid, long generation, String resourceClass, Inventory inventory) {
        lock.writeLock().lock();
        try {
            Provider p = requireProvider(uuid);
            Map<String, Inventory> all = new LinkedHashMap<>(view(p).inventories());
            all.put(resourceClass, inventory);
            checkGeneration(p, generation);
            checkInventories(p, all);
            applyInventories(p, all);
            p.generation++;
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.ProviderChanged(uuid));
        return provider(uuid).orElseThrow();
    }

    public ProviderView deleteInventory(String uuid, long generation, String resourceClass) {
        lock.writeLock().lock();
        try {
            Provider p = requireProvider(uuid);
            checkGeneration(p, generation);
            int rc = classes.id(resourceClass);
            if (rc < 0 || p.inventory(rc) == null) {
                throw PlacementException.notFound("No inventory of class " + resourceClass + " found for delete");
            }
            Map<String, Inventory> all = new LinkedHashMap<>(view(p).inventories());
            all.remove(resourceClass);
            checkInventories(p, all);
            applyInventories(p, all);
            p.generation++;
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.ProviderChanged(uuid));
        return provider(uuid).orElseThrow();
    }

    private void checkInventories(Provider p, Map<String, Inventory> inventories) {
        for (var e : inventories.entrySet()) {
            String rc = e.getKey();
            Inventory i = e.getValue();
            if (classes.id(rc) < 0) {
                throw PlacementException.badRequest("Unknown resource class in inventory for resource provider "
                        + p.uuid + ": " + rc);
            }
            if (i.total() < 1 || i.reserved() < 0 || i.minUnit() < 1 || i.maxUnit() < 1 || i.stepSize() < 1
                    || !(i.allocationRatio() > 0)) {
                throw PlacementException.badRequest("Bad inventory " + rc + " for resource provider " + p.uuid
                        + ": total, min_unit, max_unit and step_size must be at least 1, reserved at least 0 and "
                        + "allocation_ratio above 0");
            }
            if (i.reserved() > i.total()) {
                throw PlacementException.badRequest("Unable to update inventory for resource provider " + p.uuid
                        + ": Invalid inventory for '" + rc + "' on resource provider '" + p.uuid
                        + "'. The reserved value is greater than total.");
            }
            if (i.minUnit() > i.maxUnit()) {
                throw PlacementException.badRequest("Unable to update inventory for resource provider " + p.uuid
                        + ": Invalid inventory for '" + rc + "' on resource provider '" + p.uuid
                        + "'. min_unit is greater than max_unit.");
            }
        }
        for (int rc = 0; rc < p.inventory.length; rc++) {
            if (p.inventory[rc] == null || p.used[rc] == 0) {
                continue;
            }
            Inventory next = inventories.get(classes.name(rc));
            if (next == null) {
                throw PlacementException.conflict(PlacementException.INVENTORY_INUSE, "update conflict: Inventory for '"
                        + classes.name(rc) + "' on resource provider '" + p.uuid + "' in use.");
            }
            if (refuseCapacityBelowUsage && next.capacity() < p.used[rc]) {
                throw PlacementException.conflict(PlacementException.INVENTORY_INUSE, "Inventory for '"
                        + classes.name(rc) + "' on resource provider '" + p.uuid + "' would have capacity "
                        + next.capacity() + ", below the " + p.used[rc] + " already allocated.");
            }
        }
    }

    private void applyInventories(Provider p, Map<String, Inventory> inventories) {
        p.ensureClasses(classes.size());
        for (int rc = 0; rc < p.inventory.length; rc++) {
            p.inventory[rc] = null;
        }
        inventories.forEach((rc, i) -> p.inventory[classes.id(rc)] = i);
    }

    /** Replaces a provider's traits; every name must exist. */
    public ProviderView setTraits(String uuid, long generation, Collection<String> traits) {
        lock.writeLock().lock();
        try {
            Provider p = requireProvider(uuid);
            List<String> unknown = new ArrayList<>();
            for (String t : traits) {
                if (traitNames.id(t) < 0) {
                    unknown.add(t);
                }
            }
            if (!unknown.isEmpty()) {
                throw PlacementException.badRequest("No such trait(s): " + String.join(", ", unknown) + ".");
            }
            checkGeneration(p, generation);
            BitSet before = (BitSet) p.traits.clone();
            p.traits.clear();
            traits.forEach(t -> p.traits.set(traitNames.id(t)));
            if (!before.equals(p.traits)) { // Placement bumps only on a change
                p.generation++;
            }
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.ProviderChanged(uuid));
        return provider(uuid).orElseThrow();
    }

    /**
     * Replaces a provider's aggregates; {@code generation} null skips the check and, as in Placement before
     * microversion 1.19, does not advance the generation.
     */
    public ProviderView setAggregates(String uuid, Long generation, Collection<String> aggregates) {
        lock.writeLock().lock();
        try {
            Provider p = requireProvider(uuid);
            if (generation != null) {
                checkGeneration(p, generation);
            }
            p.aggregates.clear();
            p.aggregates.addAll(new LinkedHashSet<>(aggregates));
            if (generation != null) { // as Placement: the list body before 1.19 leaves the generation alone
                p.generation++;
            }
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.ProviderChanged(uuid));
        return provider(uuid).orElseThrow();
    }

    public void setAggregateName(String aggregateUuid, String name) {
        lock.writeLock().lock();
        try {
            aggregateNames.put(aggregateUuid, name);
            version++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ------------------------------------------------------------------ traits and resource classes

    /** Creates a custom trait; returns false when it already existed. */
    public boolean createTrait(String name) {
        lock.writeLock().lock();
        try {
            if (traitNames.id(name) >= 0) {
                return false;
            }
            if (!StandardNames.isCustom(name)) {
                throw PlacementException.badRequest("The trait is invalid. A valid trait must be no longer than 255 "
                        + "characters, start with the prefix \"CUSTOM_\" and use following characters: \"A\"-\"Z\", "
                        + "\"0\"-\"9\" and \"_\"");
            }
            traitNames.add(name);
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.NamesChanged(name));
        return true;
    }

    public void deleteTrait(String name) {
        lock.writeLock().lock();
        try {
            int id = traitNames.id(name);
            if (id < 0) {
                throw PlacementException.notFound("No such trait(s): " + name + ".");
            }
            if (traitNames.isStandard(name)) {
                throw PlacementException.badRequest("Cannot delete standard trait " + name + ".");
            }
            for (Provider p : providers) {
                if (p != null && p.traits.get(id)) {
                    throw PlacementException.conflict(PlacementException.UNDEFINED,
                            "The trait " + name + " is in use by a resource provider.");
                }
            }
            traitNames.remove(name);
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.NamesChanged(name));
    }

    /** Creates a custom resource class; returns false when it already existed. */
    public boolean createResourceClass(String name) {
        lock.writeLock().lock();
        try {
            if (classes.id(name) >= 0) {
                return false;
            }
            if (!StandardNames.isCustom(name)) {
                throw PlacementException.badRequest("Resource class " + name + " is not a CUSTOM_ class.");
            }
            classes.add(name);
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.NamesChanged(name));
        return true;
    }

    /** Renames a custom resource class (Placement's {@code PUT /resource_classes/{name}} before 1.7). */
    public void renameResourceClass(String from, String to) {
        lock.writeLock().lock();
        try {
            if (classes.id(from) < 0) {
                throw PlacementException.notFound("No such resource class " + from + ".");
            }
            if (classes.isStandard(from)) {
                throw PlacementException.badRequest("Cannot update standard resource class " + from);
            }
            if (classes.id(to) >= 0) {
                throw PlacementException.conflict(PlacementException.UNDEFINED, "Resource class already exists: " + to);
            }
            classes.rename(from, to);
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.NamesChanged(to));
    }

    public void deleteResourceClass(String name) {
        lock.writeLock().lock();
        try {
            int id = classes.id(name);
            if (id < 0) {
                throw PlacementException.notFound("No such resource class " + name + ".");
            }
            if (classes.isStandard(name)) {
                throw PlacementException.badRequest("Cannot delete standard resource class " + name + ".");
            }
            for (Provider p : providers) {
                if (p != null && p.inventory(id) != null) {
                    throw PlacementException.conflict(PlacementException.UNDEFINED, "Unable to delete resource class "
                            + name + ". Class is in use in inventory.");
                }
            }
            classes.remove(name);
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.NamesChanged(name));
    }

    // ------------------------------------------------------------------ allocations

    /** {@code PUT /allocations/{consumer}}: replaces the consumer's allocations, all or nothing. */
    public void putAllocations(String consumer, AllocationWrite write) {
        Map<String, AllocationWrite> one = new LinkedHashMap<>();
        one.put(consumer, write);
        writeAllocations(one);
    }

    /**
     * {@code POST /allocations}: several consumers' allocations replaced in one transaction (how an
     * instance's allocation moves to a migration consumer). Either every write applies or none does.
     */
    public void writeAllocations(Map<String, AllocationWrite> writes) {
        Set<String> touched;
        lock.writeLock().lock();
        try {
            touched = doWriteAllocations(writes);
            version++;
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.AllocationsChanged(Set.copyOf(writes.keySet()), touched));
    }

    /**
     * {@code POST /reshaper}: moves inventory and the allocations against it in one step, as Placement does
     * it: each named provider first gets the union of its old and new inventories, then the allocations
     * are replaced, then each provider is left with exactly its new inventories (a class still in use is a
     * 409 {@code placement.inventory.inuse}). Either all of it applies or nothing does.
     */
    public void reshape(Map<String, Map<String, Inventory>> inventories, Map<String, AllocationWrite> allocations) {
        Set<String> touched = new TreeSet<>();
        lock.writeLock().lock();
        try {
            structureChanged(); // inventories move: the search's dense copies are rebuilt, whatever the outcome
            List<Object[]> saved = new ArrayList<>();
            for (Provider p : providers) {
                if (p != null) {
                    saved.add(new Object[]{p, p.inventory.clone(), p.used.clone(), p.generation});
                }
            }
            Map<String, ConsumerRecord> savedConsumers = new LinkedHashMap<>();
            consumers.forEach((uuid, c) -> {
                ConsumerRecord copy = new ConsumerRecord(uuid);
                copy.allocations = c.allocations;
                copy.projectId = c.projectId;
                copy.userId = c.userId;
                copy.consumerType = c.consumerType;
                copy.generation = c.generation;
                savedConsumers.put(uuid, copy);
            });
            try {
                for (var e : inventories.entrySet()) {
                    Provider p = requireProvider(e.getKey());
                    if (!e.getValue().isEmpty()) {
                        Map<String, Inventory> union = new LinkedHashMap<>(view(p).inventories());
                        union.putAll(e.getValue());
                        applyInventories(p, union);
                        p.generation++;
                    }
                }
                touched.addAll(doWriteAllocations(allocations));
                for (var e : inventories.entrySet()) {
                    Provider p = requireProvider(e.getKey());
                    List<String> inUse = new ArrayList<>();
                    for (int rc = 0; rc < p.inventory.length; rc++) {
                        if (p.inventory[rc] != null && p.used(rc) > 0 && !e.getValue().containsKey(classes.name(rc))) {
                            inUse.add(classes.name(rc));
                        }
                    }
                    if (!inUse.isEmpty()) {
                        throw PlacementException.conflict(PlacementException.INVENTORY_INUSE, "update conflict: Inventory for '"
                                + String.join(", ", inUse) + "' on resource provider '" + p.uuid + "' in use.");
                    }
                    applyInventories(p, e.getValue());
                    p.generation++;
                    touched.add(p.uuid);
                }
            } catch (RuntimeException failure) {
                for (Object[] s : saved) {
                    Provider p = (Provider) s[0];
                    p.inventory = (Inventory[]) s[1];
                    p.used = (long[]) s[2];
                    p.generation = (long) s[3];
                }
                consumers.clear();
                consumers.putAll(savedConsumers);
                throw failure;
            }
            structureChanged();
        } finally {
            lock.writeLock().unlock();
        }
        touched.forEach(uuid -> fire(new PlacementChange.ProviderChanged(uuid)));
        fire(new PlacementChange.AllocationsChanged(Set.copyOf(allocations.keySet()), touched));
    }

    /** {@code DELETE /allocations/{consumer}}. */
    public void deleteAllocations(String consumer) {
        Set<String> touched = new TreeSet<>();
        lock.writeLock().lock();
        try {
            ConsumerRecord c = consumers.get(consumer);
            if (c == null || c.allocations.isEmpty()) {
                throw PlacementException.notFound("No allocations for consumer '" + consumer + "'");
            }
            // Placement's delete of a consumer's allocations leaves the providers' generations alone
            c.allocations.forEach((p, res) -> {
                res.forEach((rc, amt) -> {
                    p.used[rc] -= amt;
                    denseUsed(p, rc, -amt);
                });
                touched.add(p.uuid);
            });
            consumers.remove(consumer);
            version++;
        } finally {
            lock.writeLock().unlock();
        }
        fire(new PlacementChange.AllocationsChanged(Set.of(consumer), touched));
    }

    /** Checks every write against the state as it will be once earlier consumers' old allocations are gone. */
    private Set<String> doWriteAllocations(Map<String, AllocationWrite> writes) {
        // 1. resolve and validate everything without changing anything
        Map<String, Map<Provider, Map<Integer, Long>>> resolved = new LinkedHashMap<>();
        for (var e : writes.entrySet()) {
            String consumer = e.getKey();
            AllocationWrite w = e.getValue();
            ConsumerRecord existing = consumers.get(consumer);
            if (w.checkGeneration()) {
                Long have = existing == null ? null : existing.generation;
                if (!Objects.equals(have, w.consumerGeneration())) {
                    throw PlacementException.conflict(PlacementException.CONCURRENT_UPDATE,
                            "consumer generation conflict - expected " + str(w.consumerGeneration()) + " but got "
                                    + str(have));
                }
            }
            Map<Provider, Map<Integer, Long>> res = new LinkedHashMap<>();
            w.allocations().forEach((rpUuid, amounts) -> {
                Provider p = byUuid.get(rpUuid);
                if (p == null) {
                    throw PlacementException.badRequest("Allocation for resource provider '" + rpUuid
                            + "' that does not exist.");
                }
                Map<Integer, Long> m = new LinkedHashMap<>();
                amounts.forEach((rcName, amt) -> {
                    int rc = classes.id(rcName);
                    if (rc < 0) {
                        throw PlacementException.badRequest("Unable to allocate inventory: No such resource class "
                                + rcName + ".");
                    }
                    if (amt == null || amt < 1) {
                        throw PlacementException.badRequest("Unable to allocate inventory: Allocation of " + rcName
                                + " on resource provider " + rpUuid + " must be at least 1.");
                    }
                    m.put(rc, amt);
                });
                if (!m.isEmpty()) {
                    res.put(p, m);
                }
            });
            resolved.put(consumer, res);
        }
        // 2. usage after removing the old allocations of every written consumer, plus the new ones
        Map<Provider, Map<Integer, Long>> delta = new LinkedHashMap<>();
        for (String consumer : writes.keySet()) {
            ConsumerRecord existing = consumers.get(consumer);
            if (existing != null) {
                existing.allocations.forEach((p, res) -> res.forEach((rc, amt) ->
                        delta.computeIfAbsent(p, k -> new HashMap<>()).merge(rc, -amt, Long::sum)));
            }
        }
        resolved.values().forEach(allocs -> allocs.forEach((p, res) -> res.forEach((rc, amt) ->
                delta.computeIfAbsent(p, k -> new HashMap<>()).merge(rc, amt, Long::sum))));
        for (var e : resolved.entrySet()) {
            for (var pe : e.getValue().entrySet()) {
                Provider p = pe.getKey();
                for (var re : pe.getValue().entrySet()) {
                    int rc = re.getKey();
                    long amt = re.getValue();
                    Inventory inv = p.inventory(rc);
                    String rcName = classes.name(rc);
                    if (inv == null) {
                        throw PlacementException.badRequest("Unable to allocate inventory: Inventory for '" + rcName
                                + "' on resource provider '" + p.uuid + "' invalid.");
                    }
                    if (!inv.unitOk(amt)) {
                        throw PlacementException.badRequest("Unable to allocate inventory: Allocation for " + rcName
                                + " on resource provider " + p.uuid + " violates min_unit, max_unit, or step_size. "
                                + "Requested: " + amt + ", min_unit: " + inv.minUnit() + ", max_unit: " + inv.maxUnit()
                                + ", step_size: " + inv.stepSize());
                    }
                }
            }
        }
        for (var e : delta.entrySet()) {
            Provider p = e.getKey();
            for (var re : e.getValue().entrySet()) {
                int rc = re.getKey();
                long change = re.getValue();
                if (change <= 0) {
                    continue;
                }
                Inventory inv = p.inventory(rc);
                if (!inv.fits(p.used(rc), change)) {
                    throw PlacementException.conflict(PlacementException.UNDEFINED,
                            "Unable to allocate inventory: Unable to create allocation for '" + classes.name(rc)
                                    + "' on resource provider '" + p.uuid
                                    + "'. The requested amount would exceed the capacity.");
                }
            }
        }
        // 3. apply
        Set<String> touched = new TreeSet<>();
        delta.forEach((p, res) -> {
            res.forEach((rc, change) -> {
                p.used[rc] += change;
                denseUsed(p, rc, change);
            });
            touched.add(p.uuid);
        });
        // Placement advances the generation of the providers in the new allocations, and of those an
        // emptied consumer held; a provider only left by a consumer that moved elsewhere keeps its own.
        Set<Provider> written = new LinkedHashSet<>();
        for (var e : writes.entrySet()) {
            Map<Provider, Map<Integer, Long>> res = resolved.get(e.getKey());
            ConsumerRecord existing = consumers.get(e.getKey());
            if (!res.isEmpty()) {
                written.addAll(res.keySet());
            } else if (existing != null) {
                written.addAll(existing.allocations.keySet());
            }
        }
        written.forEach(p -> p.generation++);
        for (var e : writes.entrySet()) {
            String consumer = e.getKey();
            AllocationWrite w = e.getValue();
            Map<Provider, Map<Integer, Long>> res = resolved.get(consumer);
            if (res.isEmpty()) {
                consumers.remove(consumer);
                continue;
            }
            ConsumerRecord c = consumers.computeIfAbsent(consumer, ConsumerRecord::new);
            c.allocations = res;
            c.projectId = w.projectId();
            c.userId = w.userId();
            if (w.consumerType() != null) { // a write without a type (before 1.38) keeps the consumer's
                c.consumerType = w.consumerType();
            }
            c.generation++;
        }
        return touched;
    }

    private static String str(Long v) {
        return v == null ? "None" : v.toString();
    }

    /** Convenience for engines above: the number of providers with no parent. */
    public int rootCount() {
        lock.readLock().lock();
        try {
            int n = 0;
            for (Provider p : providers) {
                if (p != null && p.parent == null) {
                    n++;
                }
            }
            return n;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Providers, by index, with at least one of the trait bits (read lock held). */
    BitSet providersWithTrait(int trait) {
        BitSet out = new BitSet();
        for (Provider p : providers) {
            if (p != null && p.traits.get(trait)) {
                out.set(p.index);
            }
        }
        return out;
    }
}
