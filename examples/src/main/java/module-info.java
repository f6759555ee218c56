/**
 * Runnable examples of descent: linear regression fitted by full-batch gradient descent and by mini-batch SGD
 * with hand-written gradients. Backends are found at run time; this module names none of them.
 */
module dev.descent.examples {
    requires dev.descent.core;
    requires info.picocli;
    requires com.fasterxml.jackson.core;
    requires org.jfree.jfreechart;
    requires org.jfree.svg;
    requires me.tongfei.progressbar;
    requires java.desktop;

    opens dev.descent.examples to info.picocli;
    opens dev.descent.cli to info.picocli;
}
