package dev.descent;

/**
 * One row of the backend table that {@link Backends#list()} returns and {@code descent backends} prints.
 *
 * @param name      the name to select the backend with
 * @param priority  higher wins in automatic selection
 * @param available whether the backend can run in this JVM
 * @param reason    what it will use, or what is missing and how to fix it
 * @param device    what it computes on
 */
public record ProviderInfo(String name, int priority, boolean available, String reason, String device) {
}
