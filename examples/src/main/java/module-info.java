/**
 * Runnable examples of descent: linear regression fitted by full-batch gradient descent and by mini-batch SGD
 * with hand-written gradients. Backends are found at run time; this module names none of them.
 */
module dev.descent.examples {
    requires dev.descent.core;
    requires info.picocli;

    opens dev.descent.examples to info.picocli;
    opens dev.descent.cli to info.picocli;
}
