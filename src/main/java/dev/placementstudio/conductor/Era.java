package dev.placementstudio.conductor;

import java.util.List;
import java.util.Locale;

/**
 * How Nova built servers in successive releases, as strategies over the same workload.
 * <ul>
 * <li>{@code pre-pike}: the scheduler picks from its own view without claiming; the compute claims, so
 * concurrent schedulers collide at the compute and the build is rescheduled through the scheduler.</li>
 * <li>{@code pike}: the scheduler claims in Placement; a failed build is rescheduled through the scheduler
 * (an up-call from the cell, refused when there is more than one cell: the instance goes to ERROR).</li>
 * <li>{@code queens}: the scheduler claims and returns alternates from the same cell; the cell conductor
 * retries on them itself, never calling the scheduler again.</li>
 * </ul>
 */
public enum Era {
    PRE_PIKE("pre-pike", false, false, List.of("RetryFilter", "AvailabilityZoneFilter", "RamFilter", "CoreFilter",
            "DiskFilter", "ComputeFilter", "ComputeCapabilitiesFilter", "ImagePropertiesFilter",
            "ServerGroupAntiAffinityFilter", "ServerGroupAffinityFilter")),
    PIKE("pike", true, false, List.of("RetryFilter", "AvailabilityZoneFilter", "ComputeFilter",
            "ComputeCapabilitiesFilter", "ImagePropertiesFilter", "ServerGroupAntiAffinityFilter",
            "ServerGroupAffinityFilter")),
    QUEENS("queens", true, true, null);

    private final String label;
    private final boolean claimsInScheduler;
    private final boolean alternates;
    private final List<String> defaultFilters;

    Era(String label, boolean claimsInScheduler, boolean alternates, List<String> defaultFilters) {
        this.label = label;
        this.claimsInScheduler = claimsInScheduler;
        this.alternates = alternates;
        this.defaultFilters = defaultFilters;
    }

    public String label() {
        return label;
    }

    public boolean claimsInScheduler() {
        return claimsInScheduler;
    }

    public boolean usesAlternates() {
        return alternates;
    }

    /** The era's own default filter list; null means the model's scheduler settings (Nova 26's defaults). */
    public List<String> defaultFilters() {
        return defaultFilters;
    }

    public static Era parse(String s) {
        for (Era e : values()) {
            if (e.label.equals(s.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException("era must be pre-pike, pike or queens, not '" + s + "'");
    }
}
