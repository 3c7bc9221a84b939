package org.mip6.shell.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Options written after a command's first argument ("mip6:ping mn cn 2 --interval 100ms"): Karaf's
 * parser stops at the first argument and hands the rest over as argument words, so the actions
 * read them here. Options before the first argument still go through Karaf's own {@code @Option}s.
 */
final class TrailingOptions {

    private final Map<String, Runnable> flags = new HashMap<>();
    private final Map<String, Consumer<String>> values = new HashMap<>();

    /** An option without a value, under each of {@code names}. */
    TrailingOptions flag(Runnable set, String... names) {
        for (String n : names) {
            flags.put(n, set);
        }
        return this;
    }

    /** An option that takes the next word as its value, under each of {@code names}. */
    TrailingOptions value(Consumer<String> set, String... names) {
        for (String n : names) {
            values.put(n, set);
        }
        return this;
    }

    /**
     * Applies the options among {@code words} and returns the other words in order.
     *
     * @throws IllegalArgumentException for a valued option at the end, without its value
     */
    List<String> parse(List<String> words) {
        List<String> rest = new ArrayList<>();
        if (words == null) {
            return rest;
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            Runnable flag = flags.get(w);
            Consumer<String> value = values.get(w);
            if (flag != null) {
                flag.run();
            } else if (value != null) {
                if (i + 1 >= words.size()) {
                    throw new IllegalArgumentException(w + " needs a value");
                }
                value.accept(words.get(++i));
            } else {
                rest.add(w);
            }
        }
        return rest;
    }
}
