package io.sipshield.certs;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The key pairs of one catalog, generated on first use. Chain CAs ("ladder" levels) each get their
 * own RSA key, since each issues the next. Not thread-safe: the catalog holds its lock while using it
 * ({@link #prefetch} generates in parallel but stores on the calling thread).
 */
final class KeyRing {

    private final SecureRandom random;
    private final Map<KeySlot, KeyPair> slots = new EnumMap<>(KeySlot.class);
    private final Map<Integer, KeyPair> ladder = new HashMap<>();

    KeyRing(SecureRandom random) {
        this.random = random;
    }

    KeyPair get(KeySlot slot) {
        return slots.computeIfAbsent(slot, s -> s.algorithm().generate(random));
    }

    /** The key of the chain CA at this level (1 is issued by the root); level 1 shares the intermediate key. */
    KeyPair ladder(int level) {
        if (level == 1) {
            return get(KeySlot.INTERMEDIATE);
        }
        return ladder.computeIfAbsent(level, l -> KeyAlgorithm.RSA_2048.generate(random));
    }

    /**
     * Generates every slot's key and the chain CA keys up to {@code ladderLevels} at once, on all
     * cores (key generation is independent and SecureRandom is thread-safe); the results are stored
     * by the calling thread.
     */
    void prefetch(int ladderLevels) {
        List<Supplier<Runnable>> jobs = new ArrayList<>();
        for (KeySlot slot : KeySlot.values()) {
            if (!slots.containsKey(slot)) {
                jobs.add(() -> {
                    KeyPair pair = slot.algorithm().generate(random);
                    return () -> slots.put(slot, pair);
                });
            }
        }
        for (int level = 2; level <= ladderLevels; level++) {
            int key = level;
            if (!ladder.containsKey(key)) {
                jobs.add(() -> {
                    KeyPair pair = KeyAlgorithm.RSA_2048.generate(random);
                    return () -> ladder.put(key, pair);
                });
            }
        }
        List<Runnable> stores = jobs.parallelStream().map(Supplier::get).toList();
        stores.forEach(Runnable::run);
    }

    /** How many key pairs have been generated so far. */
    int generated() {
        return slots.size() + ladder.size();
    }
}
