package dev.placementstudio.scheduler;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Hosts in weighed order, best first, equal weights in the order the hosts came in (Python's stable
 * sort; -0.0 weighs as 0.0): exactly {@link HostWeightHandler#stableOrder}'s order, but sorted only as
 * far as it is read. A scheduling call weighs some six hundred hosts and a claim reads the first few
 * (the chosen host and its alternates), so the hosts wait in a binary heap and leave it rank by rank.
 * Weights with a NaN among them are sorted at once by {@code stableOrder}. Read-only.
 */
final class WeighedOrder extends AbstractList<HostState> implements RandomAccess {
    private final HostState[] hosts;
    private final double[] total;
    /** Host indexes by rank, the first {@link #sortedLen} known. */
    private final int[] sorted;
    private int sortedLen;
    /** The hosts not yet ranked, a min-heap by {@link #before}. */
    private final int[] heap;
    private int heapSize;

    WeighedOrder(List<HostState> hosts, double[] total) {
        this.hosts = hosts.toArray(new HostState[0]);
        this.total = total;
        int n = total.length;
        boolean nan = false;
        for (double t : total) {
            if (t != t) {
                nan = true;
                break;
            }
        }
        if (nan) {
            sorted = HostWeightHandler.stableOrder(total);
            sortedLen = n;
            heap = new int[0];
            return;
        }
        sorted = new int[n];
        heap = new int[n];
        for (int i = 0; i < n; i++) {
            heap[i] = i;
        }
        heapSize = n;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    /** Host a ranks before host b: a greater weight, or the same weight and an earlier host. */
    private boolean before(int a, int b) {
        double ta = total[a];
        double tb = total[b];
        return ta > tb || (ta == tb && a < b);
    }

    private void siftDown(int at) {
        int v = heap[at];
        int half = heapSize >>> 1;
        while (at < half) {
            int child = 2 * at + 1;
            int right = child + 1;
            if (right < heapSize && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], v)) {
                break;
            }
            heap[at] = heap[child];
            at = child;
        }
        heap[at] = v;
    }

    /** The index (in the hosts as given) of the host at this rank. */
    int indexAt(int rank) {
        if (rank < 0 || rank >= total.length) {
            throw new IndexOutOfBoundsException("rank " + rank + " of " + total.length);
        }
        while (sortedLen <= rank) {
            sorted[sortedLen++] = heap[0];
            heap[0] = heap[--heapSize];
            if (heapSize > 0) {
                siftDown(0);
            }
        }
        return sorted[rank];
    }

    @Override
    public HostState get(int rank) {
        return hosts[indexAt(rank)];
    }

    @Override
    public int size() {
        return total.length;
    }
}
