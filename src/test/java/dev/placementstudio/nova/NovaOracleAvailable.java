package dev.placementstudio.nova;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips a jqwik property or container when /usr/bin/python3 cannot import Nova (the oracle is not installed). */
public final class NovaOracleAvailable implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return FilterOracle.available() ? SkipResult.doNotSkip()
                : SkipResult.skip("/usr/bin/python3 cannot import nova (run ../shared/nova-oracle/install.sh)");
    }
}
