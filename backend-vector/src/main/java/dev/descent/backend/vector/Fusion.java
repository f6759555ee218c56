package dev.descent.backend.vector;

/**
 * One fused replacement found by {@link FusedPlanner}: {@code length} consecutive graph nodes replaced by one
 * kernel call.
 *
 * @param name   what was fused, for the plan's description and the tests that check a fusion happened
 * @param length how many nodes, from the match's start, the kernel replaces
 * @param kernel the replacement; running it leaves every storage that outlives the nodes as they would
 */
record Fusion(String name, int length, Runnable kernel) {
}
