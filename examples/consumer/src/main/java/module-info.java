/** A descent user's application: it needs descent-core only; a backend is found at run time. */
module com.example.fitline {
    requires dev.descent.core;
}
