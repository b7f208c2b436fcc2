package dev.osk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version from the build. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/osk-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"osk " + p.getProperty("version", "unknown")};
    }
}
