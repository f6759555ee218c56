/**
 * The {@code descent} command-line program: {@code train}, {@code predict} and {@code backends} over CSV files
 * (picocli). Backends are found at run time; this module names none of them.
 */
module dev.descent.cli {
    requires dev.descent.core;
    requires info.picocli;
    requires com.fasterxml.jackson.core;
    requires org.jfree.jfreechart;
    requires org.jfree.svg;
    requires me.tongfei.progressbar;
    requires java.desktop;
    requires java.logging;

    opens dev.descent.cli to info.picocli;
}
