/**
 * Runnable examples of descent: linear regression with hand-written gradients (full-batch GD and mini-batch
 * SGD) and with autograd, logistic regression, and an MLP classifier. Backends are found at run time; this
 * module names none of them.
 */
module dev.descent.examples {
    requires dev.descent.core;
    requires info.picocli;
    requires com.fasterxml.jackson.core;
    requires org.jfree.jfreechart;
    requires org.jfree.svg;
    requires me.tongfei.progressbar;
    requires java.desktop;
    requires java.logging;

    opens dev.descent.examples to info.picocli;
    opens dev.descent.cli to info.picocli;
}
