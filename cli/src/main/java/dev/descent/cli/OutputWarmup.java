package dev.descent.cli;

import java.util.List;

/**
 * Loads and initialises, on a background thread, the libraries that write a run's last outputs, while the main
 * thread reads the data and trains: JFreeChart and JFreeSVG with the JDK's font system for {@code --plot} (font
 * configuration, font files, text layout and its native shaping: about a quarter of the README's main job, issue 20)
 * and Jackson for {@code --metrics-json}. The thread renders a throw-away chart and JSON document and keeps nothing;
 * the real outputs are made afterwards on the main thread exactly as without it, so they are byte-identical.
 *
 * <p>Why a thread: these steps are class loading and one-time initialisation that do not depend on the run, and a
 * short job's main thread leaves the other core idle for most of its life. {@link #awaitDone()} is called before
 * the real chart is drawn, so the two renders never run at once. A failure here is ignored: the real render
 * reports its own. Not started when no such output is asked for, nor with {@code -D}{@value #PROPERTY}{@code =false}.
 * Thread-confined apart from the join.
 */
final class OutputWarmup {
    /** {@code -Ddescent.cli.outputWarmup=false} turns the warm-up off (to measure what it saves). */
    static final String PROPERTY = "descent.cli.outputWarmup";
    private static final OutputWarmup NONE = new OutputWarmup(null);

    private final Thread thread;

    private OutputWarmup(Thread thread) {
        this.thread = thread;
    }

    /** Starts the warm-up of what the asked outputs need (a daemon thread), or nothing when neither is asked. */
    static OutputWarmup start(boolean plot, boolean metricsJson) {
        if (!plot && !metricsJson || !Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return NONE;
        }
        Thread thread = new Thread(() -> {
            try {
                if (metricsJson) {
                    MetricsJson.warmUp();
                }
                if (plot) {
                    LossPlot.svg(List.of(4.0, 2.0, 1.0, 0.5), "warm-up");
                }
            } catch (Throwable ignored) {
                // the real render, later on the main thread, reports whatever went wrong here
            }
        }, "descent-output-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return new OutputWarmup(thread);
    }

    /** Waits until the warm-up has finished (at once if none was started). */
    void awaitDone() {
        if (thread == null) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
