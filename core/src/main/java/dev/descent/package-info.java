/**
 * Entry points of descent: {@link dev.descent.Backends} chooses a compute backend, and the exception types
 * here are every error the library throws on purpose, all unchecked and all subclasses of
 * {@link dev.descent.DescentException}.
 */
package dev.descent;
