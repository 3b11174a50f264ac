package dev.placementstudio.io.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.placementstudio.io.ModelJson;
import dev.placementstudio.model.FilterOptions;

import java.sql.SQLException;

/** The filters' options in a {@code .db} file: one JSON text, as the model file writes them. */
final class FilterOptionsText {
    private FilterOptionsText() {
    }

    static String write(FilterOptions o) throws SQLException {
        try {
            return ModelJson.mapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write the filter options: " + e.getOriginalMessage(), e);
        }
    }

    static FilterOptions read(String json) throws SQLException {
        try {
            return ModelJson.mapper().readValue(json, FilterOptions.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("damaged filter options: " + e.getOriginalMessage(), e);
        }
    }
}
