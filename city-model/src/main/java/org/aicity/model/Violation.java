package org.aicity.model;

/** One reason a message or a reading is invalid, naming the field it concerns. */
public record Violation(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
