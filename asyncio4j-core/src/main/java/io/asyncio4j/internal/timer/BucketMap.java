package io.asyncio4j.internal.timer;

/**
 * The timer buckets by tick: an open-addressing hash table keyed by the bucket's own {@code long}
 * tick, so that a lookup allocates nothing (a {@code HashMap<Long, Bucket>} boxes the key and
 * allocates a node per bucket, that is per timeout on a quiet loop). Linear probing; removal
 * shifts the following entries back, so there are no tombstones. Loop thread only.
 */
final class BucketMap {
    private TimerQueue.Bucket[] table = new TimerQueue.Bucket[64];
    private int size;

    TimerQueue.Bucket get(long tick) {
        TimerQueue.Bucket[] t = table;
        int mask = t.length - 1;
        for (int i = slot(tick, mask); ; i = (i + 1) & mask) {
            TimerQueue.Bucket b = t[i];
            if (b == null || b.tick == tick) {
                return b;
            }
        }
    }

    /** Adds {@code bucket}, whose tick is not in the map yet. */
    void put(TimerQueue.Bucket bucket) {
        if ((size + 1) * 2 > table.length) {
            resize(table.length * 2);
        }
        insert(table, bucket);
        size++;
    }

    void remove(TimerQueue.Bucket bucket) {
        TimerQueue.Bucket[] t = table;
        int mask = t.length - 1;
        int i = slot(bucket.tick, mask);
        while (t[i] != bucket) {
            if (t[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        t[i] = null;
        size--;
        // Shift back the entries of the run after i that would no longer be found from their slot.
        for (int j = (i + 1) & mask; t[j] != null; j = (j + 1) & mask) {
            int home = slot(t[j].tick, mask);
            boolean reachable = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!reachable) {
                t[i] = t[j];
                t[j] = null;
                i = j;
            }
        }
    }

    int size() {
        return size;
    }

    private void resize(int capacity) {
        TimerQueue.Bucket[] bigger = new TimerQueue.Bucket[capacity];
        for (TimerQueue.Bucket b : table) {
            if (b != null) {
                insert(bigger, b);
            }
        }
        table = bigger;
    }

    private static void insert(TimerQueue.Bucket[] t, TimerQueue.Bucket bucket) {
        int mask = t.length - 1;
        int i = slot(bucket.tick, mask);
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = bucket;
    }

    private static int slot(long tick, int mask) {
        return (int) ((tick * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }
}
