package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Apache reads /etc/apache2/conf-enabled/*.conf in name order (Debian's and Ubuntu's apache2.conf:
 * IncludeOptional conf-enabled/*.conf), and of two ServerTokens or ServerSignature lines the last one read wins. The
 * apache2 package enables conf-enabled/security.conf, which sets ServerTokens OS and ServerSignature On: a file of
 * ours that sets them must sort after it, or the server announces its version and OS after all.
 */
class ApacheConfOrderTest {
    static final String PACKAGE_FILE = "security.conf";
    static final Pattern SETS = Pattern.compile("(?m)^\\s*(ServerTokens|ServerSignature)\\s");

    @TestFactory
    Stream<DynamicTest> ourServerTokensComeAfterSecurityConf() throws Exception {
        return KollaImagesTest.cases().stream().map(c -> DynamicTest.dynamicTest(c.label(), () -> {
            int checked = 0;
            for (ImageContentsTest.Container container : ImageContentsTest.containers(
                    KollaImagesTest.render(ProbesTest.KIT, c.files()), c.naming().prefix())) {
                for (Map.Entry<String, String> f : container.files().entrySet()) {
                    String path = f.getKey();
                    if (!path.startsWith("/etc/apache2/conf-enabled/") || !SETS.matcher(f.getValue()).find()) {
                        continue;
                    }
                    String name = path.substring(path.lastIndexOf('/') + 1);
                    assertThat(name).as("%s mounts %s, which sets ServerTokens or ServerSignature",
                            container.where(), path).isGreaterThan(PACKAGE_FILE);
                    checked++;
                }
            }
            if (!c.files().isEmpty()) {
                assertThat(checked).as("the Apache configurations of keystone, placement and horizon")
                        .isGreaterThanOrEqualTo(3);
            }
        }));
    }
}
