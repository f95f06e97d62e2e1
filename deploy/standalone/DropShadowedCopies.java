import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Removes from one jar of a SPARK_HOME/jars folder the classes that another jar of the folder also
 * provides, so that each class has one copy and the class path's order (a {@code jars/*} wildcard
 * follows the directory's order, which is arbitrary) cannot pick the wrong one. Run by
 * assemble-spark-home.sh on the AWS SDK v2 bundle Hadoop 3.4.1 brings (bundle-2.24.6.jar): besides its
 * own shaded copies it carries SLF4J 1.7, Netty, HttpClient, commons-codec and commons-logging
 * unshaded (aws/aws-sdk-java-v2#5108). Where its SLF4J 1.7 LoggerFactory came first, SLF4J bound
 * to reload4j, which has no configuration, and every Spark daemon, driver and executor logged nothing.
 *   java DropShadowedCopies.java SPARK_HOME/jars/bundle-2.24.6.jar
 */
public class DropShadowedCopies {

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Set<String> elsewhere = new HashSet<>();
        try (DirectoryStream<Path> others = Files.newDirectoryStream(jar.getParent(), "*.jar")) {
            for (Path other : others) {
                if (!other.equals(jar)) {
                    elsewhere.addAll(classes(other));
                }
            }
        }
        List<String> copies = classes(jar).stream().filter(elsewhere::contains).sorted().toList();
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            for (String copy : copies) {
                Files.delete(zip.getPath(copy));
            }
        }
        System.out.println(jar.getFileName() + ": dropped " + copies.size() + " classes other jars of "
                + jar.getParent() + " provide" + (copies.isEmpty() ? "" : " (" + copies.get(0) + " ...)"));
    }

    /** A jar's classes outside META-INF (where multi-release and module descriptors live), by entry name. */
    private static Set<String> classes(Path jar) throws IOException {
        Set<String> names = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.equals("module-info.class"))
                    .forEach(names::add);
        }
        return names;
    }
}
