import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step (run on the shaded jar after packaging): rewrites the classes of libraries compiled for Java 5
 * (picocli) as Java 8 class files, with the stack map frames the JVM's verifier needs. The JVM's start-up caches
 * (class-data archives, ahead-of-time caches) never hold class files older than Java 6, so without this every run
 * loads and verifies picocli's classes again, which is most of what {@code osk --version} costs. The code in them
 * is not changed.
 *
 *   java -cp asm.jar ArchivableClasses JAR PACKAGE_PREFIX...
 */
public final class ArchivableClasses {
    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        int upgraded = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ArchivableClasses.class.getClassLoader());
                InputStream fin = Files.newInputStream(jar);
                ZipInputStream in = new ZipInputStream(fin);
                OutputStream fout = Files.newOutputStream(tmp);
                ZipOutputStream out = new ZipOutputStream(fout)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().endsWith(".class") && wanted(e.getName(), args) && major(bytes) < 50) {
                    bytes = upgrade(bytes, loader);
                    upgraded++;
                }
                ZipEntry o = new ZipEntry(e.getName());
                o.setTime(e.getTime());
                out.putNextEntry(o);
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("ArchivableClasses: " + upgraded + " classes rewritten as Java 8 class files in " + jar);
    }

    private static boolean wanted(String name, String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (name.startsWith(args[i])) {
                return true;
            }
        }
        return false;
    }

    private static int major(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private static byte[] upgrade(byte[] classFile, ClassLoader loader) {
        ClassReader reader = new ClassReader(classFile);
        // frames computed from scratch (a writer that copied the methods would keep them without frames)
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return loader;
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
