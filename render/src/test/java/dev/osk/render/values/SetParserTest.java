package dev.osk.render.values;

import static dev.osk.render.testing.TestCharts.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.InvalidRequestException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Helm-style --set syntax (README: Commands, Values). */
class SetParserTest {
    @TempDir
    Path tmp;

    private Map<String, Object> set(String expr) {
        return SetParser.parse(expr, SetParser.Mode.TYPED, tmp);
    }

    private Map<String, Object> setString(String expr) {
        return SetParser.parse(expr, SetParser.Mode.STRING, tmp);
    }

    private Map<String, Object> setJson(String expr) {
        return SetParser.parse(expr, SetParser.Mode.JSON, tmp);
    }

    private Map<String, Object> setFile(String expr) {
        return SetParser.parse(expr, SetParser.Mode.FILE, tmp);
    }

    /** The single value {@code --set v=<raw>} gives. */
    private Object typed(String raw) {
        Map<String, Object> m = set("v=" + raw);
        assertThat(m).containsOnlyKeys("v");
        return m.get("v");
    }

    @Test
    void dottedPathsNest() {
        assertThat(set("a.b.c=x")).isEqualTo(map("a", map("b", map("c", "x"))));
    }

    @Test
    void escapedDotStaysInsideTheKey() {
        assertThat(set("conf.keystone\\.conf=x")).isEqualTo(map("conf", map("keystone.conf", "x")));
    }

    @Test
    void escapedEqualsStaysInsideTheKey() {
        assertThat(set("a\\=b=c")).isEqualTo(map("a=b", "c"));
    }

    @Test
    void listIndex() {
        assertThat(set("list[0]=x")).isEqualTo(map("list", List.of("x")));
    }

    @Test
    void listIndexThenName() {
        assertThat(set("list[0].name=x")).isEqualTo(map("list", List.of(map("name", "x"))));
    }

    @Test
    void twoFieldsOfOneListItem() {
        assertThat(set("list[0].name=x,list[0].port=80"))
                .isEqualTo(map("list", List.of(map("name", "x", "port", 80L))));
    }

    @Test
    void nestedIndexes() {
        assertThat(set("m[0][0]=x")).isEqualTo(map("m", List.of(List.of("x"))));
        assertThat(set("a.b[0].c[0].d=x"))
                .isEqualTo(map("a", map("b", List.of(map("c", List.of(map("d", "x")))))));
    }

    @Test
    void braceListIsAList() {
        assertThat(set("tags={a,b}")).isEqualTo(map("tags", List.of("a", "b")));
    }

    @Test
    void braceListItemsAreTypedLikeValues() {
        assertThat(set("l={1,true,x,0755}")).isEqualTo(map("l", List.of(1L, true, "x", "0755")));
    }

    @Test
    void braceListFollowedByMorePairs() {
        assertThat(set("tags={a,b},n=1")).isEqualTo(map("tags", List.of("a", "b"), "n", 1L));
    }

    @Test
    void commaSeparatedPairs() {
        assertThat(set("a=1,b=two,c.d=3")).isEqualTo(map("a", 1L, "b", "two", "c", map("d", 3L)));
    }

    @Test
    void pairsUnderOneMapMerge() {
        assertThat(set("a.b=1,a.c=2")).isEqualTo(map("a", map("b", 1L, "c", 2L)));
    }

    @Test
    void escapedCommaStaysInTheValue() {
        assertThat(set("a=x\\,y,b=z")).isEqualTo(map("a", "x,y", "b", "z"));
    }

    @Test
    void keyEqualsNullIsANullMarker() {
        Map<String, Object> m = set("a.b=null");
        assertThat(m).isEqualTo(map("a", map("b", null)));
        @SuppressWarnings("unchecked")
        Map<String, Object> a = (Map<String, Object>) m.get("a");
        assertThat(a).containsKey("b");
    }

    @Test
    void keyEqualsNothingIsTheEmptyString() {
        assertThat(set("a=")).isEqualTo(map("a", ""));
        assertThat(set("a=,b=1")).isEqualTo(map("a", "", "b", 1L));
    }

    @Test
    void booleansAndNullAreTyped() {
        assertThat(typed("true")).isEqualTo(Boolean.TRUE);
        assertThat(typed("false")).isEqualTo(Boolean.FALSE);
        assertThat(typed("null")).isNull();
    }

    @Test
    void integersAreTypedExactly() {
        assertThat(typed("0")).isEqualTo(0L);
        assertThat(typed("42")).isEqualTo(42L);
        assertThat(typed("-5")).isEqualTo(-5L);
        assertThat(typed("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void integersBeyond64BitsStayExact() {
        assertThat(typed("12345678901234567890")).isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(typed("-98765432109876543210987654321"))
                .isEqualTo(new BigInteger("-98765432109876543210987654321"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0755", "1.10", "1e3", "1.0", "0x1F", "yes", "no", "on", "off", "~", "1_000", "12:30",
        "v1", "007"})
    void everythingElseStaysAString(String raw) {
        assertThat(typed(raw)).isEqualTo(raw);
    }

    @Test
    void setStringNeverTypes() {
        assertThat(setString("a=true,b=false,c=null,d=5,e=-5,f=12345678901234567890"))
                .isEqualTo(map("a", "true", "b", "false", "c", "null", "d", "5", "e", "-5", "f",
                        "12345678901234567890"));
    }

    @Test
    void setStringBraceListHoldsStrings() {
        assertThat(setString("l={1,true}")).isEqualTo(map("l", List.of("1", "true")));
    }

    @Test
    void setJsonValueAtAPath() {
        assertThat(setJson("a.b={\"x\":1,\"y\":[true,null,\"s\"],\"z\":{\"w\":\"q\"}}"))
                .isEqualTo(map("a", map("b", map("x", 1L, "y", Arrays.asList(true, null, "s"), "z",
                        map("w", "q")))));
    }

    @Test
    void setJsonScalarsTypeAsJson() {
        assertThat(setJson("a=\"1.10\"")).isEqualTo(map("a", "1.10"));
        assertThat(setJson("a=\"yes\"")).isEqualTo(map("a", "yes"));
        assertThat(setJson("a=1.10")).isEqualTo(map("a", new BigDecimal("1.10")));
        assertThat(setJson("a=12345678901234567890")).isEqualTo(map("a", new BigInteger("12345678901234567890")));
        assertThat(setJson("a=-5")).isEqualTo(map("a", -5L));
        assertThat(setJson("a=false")).isEqualTo(map("a", false));
        assertThat(setJson("a=null")).isEqualTo(map("a", null));
    }

    @Test
    void setJsonDecimalKeepsItsExactValue() {
        Object v = setJson("a=1.10").get("a");
        assertThat(v).isInstanceOf(BigDecimal.class);
        assertThat(((BigDecimal) v).toPlainString()).isEqualTo("1.10");
    }

    @Test
    void setJsonStringEscapes() {
        assertThat(setJson("a=\"q\\\"uote \\\\ tab\\t nl\\n \\u00e9\"")).isEqualTo(map("a", "q\"uote \\ tab\t nl\n é"));
    }

    @Test
    void setJsonAcceptsTheEscapedSolidus() {
        // "\/" is a valid JSON escape for '/'
        assertThat(setJson("a=\"x\\/y\"")).isEqualTo(map("a", "x/y"));
    }

    @Test
    void setJsonAcceptsUnescapedCharactersJsonAllows() {
        // JSON only requires C0 control characters to be escaped; DEL and C1 characters may appear as they are
        assertThat(setJson("a=\"del\u007f\"")).isEqualTo(map("a", "del\u007f"));
        assertThat(setJson("a=\"c1\u0085\"")).isEqualTo(map("a", "c1\u0085"));
        assertThat(setJson("{\"line\\u2028sep\":1,\"raw\u2028sep\":2}"))
                .isEqualTo(map("line\u2028sep", 1L, "raw\u2028sep", 2L));
    }

    @Test
    void setJsonWholeObject() {
        assertThat(setJson("{\"a\":{\"b\":[1,2]},\"c\":\"d\"}"))
                .isEqualTo(map("a", map("b", List.of(1L, 2L)), "c", "d"));
    }

    @Test
    void setJsonSeveralPairsWithCommasInsideValues() {
        assertThat(setJson("a=\"x,y\",b=[1,2],c={\"d\":\"e,f\"}"))
                .isEqualTo(map("a", "x,y", "b", List.of(1L, 2L), "c", map("d", "e,f")));
    }

    @Test
    void setJsonAtAListIndex() {
        assertThat(setJson("l[0]={\"n\":1}")).isEqualTo(map("l", List.of(map("n", 1L))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=[1,", "a=", "a={", "a=\"open"})
    void setJsonRejectsBrokenJson(String expr) {
        assertThatThrownBy(() -> setJson(expr)).isInstanceOf(InvalidRequestException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=not json", "a={b: 1}", "a={\"b\":}", "a='x'", "a=yes", "a=[x]", "a=0x1F", "a=.inf"})
    void setJsonRejectsWhatIsNotJson(String expr) {
        assertThatThrownBy(() -> setJson(expr)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void setJsonNumbersBeyondLongAndDoubleStayExact() {
        assertThat(setJson("a=9223372036854775807,b=9223372036854775808,c=-9223372036854775808,d=-9223372036854775809"))
                .isEqualTo(map("a", Long.MAX_VALUE, "b", new BigInteger("9223372036854775808"), "c", Long.MIN_VALUE,
                        "d", new BigInteger("-9223372036854775809")));
        String digits = "1234567890".repeat(150); // longer than any default limit on a number's length
        assertThat(setJson("a=" + digits).get("a")).isEqualTo(new BigInteger(digits));
        assertThat(((BigDecimal) setJson("a=0.1000000000000000000000000000001").get("a")).toPlainString())
                .isEqualTo("0.1000000000000000000000000000001");
        assertThat(((BigDecimal) setJson("a=-2.50E+400").get("a"))).isEqualByComparingTo("-2.5e400");
        assertThat(setJson("a=1e2").get("a")).isEqualTo(new BigDecimal("1E+2"));
    }

    @Test
    void setJsonObjectsKeepTheirKeyOrder() {
        Map<String, Object> m = setJson("{\"z\":1,\"a\":2,\"m\":{\"y\":3,\"b\":4}}");
        assertThat(m.keySet()).containsExactly("z", "a", "m");
        assertThat(List.copyOf(((Map<?, ?>) m.get("m")).keySet())).isEqualTo(List.of("y", "b"));
    }

    @Test
    void setJsonDuplicateKeyNamesTheKeyAndWhereItIs() {
        assertThatThrownBy(() -> setJson("{\"a\":1,\"b\":{\"c\":1,\"c\":2}}")).isInstanceOf(InvalidRequestException.class)
                .hasMessage("--set-json '{\"a\":1,\"b\":{\"c\":1,\"c\":2}}': invalid JSON '{\"a\":1,\"b\":{\"c\":1,\"c\":2}}':"
                        + " duplicate key \"c\" at position 19"); // the second key's opening quote
        assertThatThrownBy(() -> setJson("x={\n  \"a\": 1,\n  \"a\": 2\n}")).isInstanceOf(InvalidRequestException.class)
                .hasMessageEndingWith(": duplicate key \"a\" at line 3, column 3");
    }

    @Test
    void setJsonErrorsSayWhereTheJsonBreaks() {
        assertThatThrownBy(() -> setJson("a={\"b\":1,}")).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("--set-json 'a={\"b\":1,}': invalid JSON '{\"b\":1,}': ")
                .hasMessageEndingWith(" at position 8");
        assertThatThrownBy(() -> setJson("a={\n\"b\": [1,\n  2 3]}")).isInstanceOf(InvalidRequestException.class)
                .hasMessageEndingWith(" at line 3, column 5");
        assertThatThrownBy(() -> setJson("a=[1] 2")).isInstanceOf(InvalidRequestException.class)
                .hasMessageEndingWith(": unexpected text after the value at position 5");
        assertThatThrownBy(() -> setJson("a=01")).isInstanceOf(InvalidRequestException.class)
                .hasMessageEndingWith(": invalid numeric value: Leading zeroes not allowed at position 2");
    }

    @Test
    void setJsonNestsAsDeepAsAValuesFile() {
        String ok = "[".repeat(201) + "]".repeat(201);
        assertThat(setJson("a=" + ok).get("a")).isInstanceOf(List.class);
        assertThatThrownBy(() -> setJson("a=" + "[".repeat(201) + "1" + "]".repeat(201)))
                .isInstanceOf(InvalidRequestException.class).hasMessageEndingWith(": nested too deep at position 202");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=[1,", "a={", "a=\"open", "a={\"b\":}", "a=[x]", "a=0x1F", "a=-", "a=1.", "a=\"\\x\"",
        "a=NaN", "a={\"a\":1}}", "a=[true false]", "a={\"k\" 1}"})
    void setJsonErrorsAreOneLineWithAPositionAndNoParserInternals(String expr) {
        assertThatThrownBy(() -> setJson(expr)).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Source")
                        .doesNotContain("(code ").doesNotContain("Feature").containsPattern(" at position [0-9]+$"));
    }

    @Test
    void setFileReadsTheFileAsAString() throws IOException {
        Files.writeString(tmp.resolve("conf.txt"), "line 1\n  line 2: yes\n0755\n");
        assertThat(setFile("a.b=conf.txt")).isEqualTo(map("a", map("b", "line 1\n  line 2: yes\n0755\n")));
        assertThat(setFile("a=" + tmp.resolve("conf.txt"))).isEqualTo(map("a", "line 1\n  line 2: yes\n0755\n"));
    }

    @Test
    void setFileOfAMissingFileIsAnError() {
        assertThatThrownBy(() -> setFile("a=nope.txt")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("nope.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "=x", "a..b=x", ".a=x", "a.=x", "a[x]=1", "a[0=1", "a[-1]=1", "a=1,,", "a]=1", "]={}].",
        "a[0]b=1", "a,b=1"})
    void malformedExpressionsAreInvalidRequests(String expr) {
        assertThatThrownBy(() -> set(expr)).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
