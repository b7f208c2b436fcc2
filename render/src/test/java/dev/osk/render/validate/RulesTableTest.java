package dev.osk.render.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * test-fixtures/validate/rules.md, the table of the server's rules, names real corpus cases in its case column,
 * and every api-rules case of the corpus appears there under its rule.
 */
class RulesTableTest {
    private static final Path TABLE = ValidationCorpusTest.CORPUS.resolve("rules.md");
    private static final Pattern ROW = Pattern.compile("^\\|.*\\|\\s*([^|]*)\\|\\s*$");
    private static final Pattern CASE = Pattern.compile("`([a-z0-9][a-z0-9-]*)`");

    private static Set<String> namedCases() throws IOException {
        Set<String> cases = new TreeSet<>();
        for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                Matcher c = CASE.matcher(row.group(1));
                while (c.find()) {
                    cases.add(c.group(1));
                }
            }
        }
        return cases;
    }

    @Test
    void everyCaseTheTableNamesExists() throws IOException {
        Set<String> named = namedCases();
        assertThat(named).isNotEmpty();
        for (String c : named) {
            assertThat(ValidationCorpusTest.CORPUS.resolve("invalid/" + c + ".yaml")).as("case %s of rules.md", c)
                    .exists();
        }
    }

    @Test
    void everyApiRulesCaseIsInTheTable() throws IOException {
        Set<String> named = namedCases();
        List<Path> invalid = ValidationCorpusTest.files("invalid");
        for (Path f : invalid) {
            if ("api-rules".equals(ValidationCorpusTest.header(f).get("check"))) {
                String c = f.getFileName().toString().replaceFirst("\\.yaml$", "");
                assertThat(named).as("rules.md names api-rules case %s", c).contains(c);
            }
        }
    }
}
