package dev.placementstudio.model;

import java.util.Map;
import java.util.TreeMap;

/** A Glance image; its properties ({@code hw_machine_type}, {@code trait:X=required}, …) shape the request. */
public record Image(String name, Map<String, String> properties) {
    public Image {
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
    }
}
