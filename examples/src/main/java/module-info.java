/**
 * Runnable examples of descent: linear regression with hand-written gradients (full-batch GD and mini-batch
 * SGD) and with autograd, logistic regression, and an MLP classifier. Backends are found at run time; this
 * module names none of them.
 */
module dev.descent.examples {
    requires dev.descent.core;
    requires info.picocli;

    opens dev.descent.examples to info.picocli;
}
