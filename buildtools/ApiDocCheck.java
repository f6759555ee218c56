import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;

import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The part of "every public type is documented" that javadoc's doclint cannot check on its own.
 *
 * <p>doclint's "missing" group is all or nothing: it demands {@code @param} and {@code @return} on every member
 * as well, so the build runs javadoc with {@code -Xdoclint:all,-missing} (every other doclint check, warnings
 * fail the build) and this program for the rest. It fails when a package has no {@code package-info.java} with a
 * doc comment, or a public or protected type (or module-info) has none; public members without a comment are
 * counted, and fail too with {@code --members}.
 *
 * <p>Run with the JDK's source launcher, no build step: {@code java buildtools/ApiDocCheck.java [--members]
 * SOURCE_DIR...}. The root pom runs it on every module's {@code src/main/java}.
 */
public final class ApiDocCheck {
    public static void main(String[] args) throws IOException {
        boolean members = false;
        List<Path> roots = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--members")) {
                members = true;
            } else {
                roots.add(Path.of(arg));
            }
        }
        List<Path> files = new ArrayList<>();
        Set<Path> packageDirs = new TreeSet<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                    files.add(p);
                    if (!p.getParent().equals(root)) {
                        packageDirs.add(p.getParent());
                    }
                });
            }
        }
        if (files.isEmpty()) {
            return;
        }
        List<String> errors = new ArrayList<>();
        List<String> undocumentedMembers = new ArrayList<>();
        for (Path dir : packageDirs) {
            if (!Files.exists(dir.resolve("package-info.java"))) {
                errors.add(dir + ": package has no package-info.java saying what it is for");
            }
        }

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) compiler.getTask(null, fm, null, List.of("-proc:none"), null,
                    fm.getJavaFileObjectsFromPaths(files));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                String file = unit.getSourceFile().getName();
                if (file.endsWith("package-info.java")) {
                    if (unit.getPackage() == null
                            || docs.getDocCommentTree(new TreePath(new TreePath(unit), unit.getPackage())) == null) {
                        errors.add(file + ": package-info.java has no doc comment");
                    }
                    continue;
                }
                if (file.endsWith("module-info.java")) {
                    if (unit.getModule() != null
                            && docs.getDocCommentTree(new TreePath(new TreePath(unit), unit.getModule())) == null) {
                        errors.add(file + ": module declaration has no doc comment");
                    }
                    continue;
                }
                new TreePathScanner<Void, Boolean>() {
                    @Override
                    public Void visitClass(ClassTree tree, Boolean enclosingVisible) {
                        boolean visible = enclosingVisible && isVisible(tree.getModifiers(), getCurrentPath());
                        if (visible && !documented(getCurrentPath())) {
                            errors.add(where(tree) + ": public type " + tree.getSimpleName() + " has no doc comment");
                        }
                        return super.visitClass(tree, visible);
                    }

                    @Override
                    public Void visitMethod(MethodTree tree, Boolean enclosingVisible) {
                        boolean implicit = tree.getName().contentEquals("<init>") && isGenerated(tree);
                        if (enclosingVisible && !implicit && isVisible(tree.getModifiers(), getCurrentPath())
                                && !documented(getCurrentPath()) && !overrides(tree)) {
                            undocumentedMembers.add(where(tree) + ": " + tree.getName());
                        }
                        return null; // local classes inside bodies are not API
                    }

                    @Override
                    public Void visitVariable(VariableTree tree, Boolean enclosingVisible) {
                        Tree parent = getCurrentPath().getParentPath().getLeaf();
                        if (enclosingVisible && parent instanceof ClassTree
                                && isVisible(tree.getModifiers(), getCurrentPath()) && !documented(getCurrentPath())) {
                            undocumentedMembers.add(where(tree) + ": " + tree.getName());
                        }
                        return null;
                    }

                    private boolean documented(TreePath path) {
                        DocCommentTree comment = docs.getDocCommentTree(path);
                        return comment != null;
                    }

                    private boolean isGenerated(MethodTree tree) {
                        return docs.getSourcePositions().getEndPosition(unit, tree) < 0;
                    }

                    private boolean overrides(MethodTree tree) {
                        return tree.getModifiers().getAnnotations().stream()
                                .anyMatch(a -> a.getAnnotationType().toString().endsWith("Override"));
                    }

                    private String where(Tree tree) {
                        long pos = docs.getSourcePositions().getStartPosition(unit, tree);
                        return file + ":" + unit.getLineMap().getLineNumber(pos);
                    }
                }.scan(unit, Boolean.TRUE);
            }
        }
        errors.forEach(e -> System.err.println("error: " + e));
        if (members) {
            undocumentedMembers.forEach(m -> System.err.println("error: public member has no doc comment: " + m));
        } else if (!undocumentedMembers.isEmpty()) {
            System.out.println("ApiDocCheck: " + undocumentedMembers.size()
                    + " public members have no doc comment (not enforced; --members lists them)");
        }
        if (!errors.isEmpty() || (members && !undocumentedMembers.isEmpty())) {
            System.exit(1);
        }
    }

    /** Public or protected, or a member of an interface or annotation (implicitly public unless private). */
    private static boolean isVisible(ModifiersTree modifiers, TreePath path) {
        Set<Modifier> flags = modifiers.getFlags();
        if (flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)) {
            return true;
        }
        if (flags.contains(Modifier.PRIVATE)) {
            return false;
        }
        TreePath parent = path.getParentPath();
        if (parent != null && parent.getLeaf() instanceof ClassTree owner) {
            Tree.Kind kind = owner.getKind();
            if (kind == Tree.Kind.INTERFACE || kind == Tree.Kind.ANNOTATION_TYPE) {
                return true;
            }
            // enum constants are public
            return kind == Tree.Kind.ENUM && path.getLeaf() instanceof VariableTree;
        }
        return false;
    }
}
