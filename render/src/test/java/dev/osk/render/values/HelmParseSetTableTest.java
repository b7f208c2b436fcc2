package dev.osk.render.values;

import static dev.osk.render.testing.TestCharts.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.InvalidRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cases of Helm's own {@code --set} parser tests, transcribed by hand from helm/helm
 * {@code pkg/strvals/parser_test.go}, {@code TestParseSet} (its {@code tests} table for {@code --set} and its
 * {@code testsString} table for {@code --set-string}), run against osk's parser: every case must agree.
 * One documented difference is not a disagreement: Helm keeps {@code key=null} as a nil value, osk as a null that
 * deletes the key from lower layers (README: Values); both read back as a key holding null.
 */
class HelmParseSetTableTest {
    /** A Helm case: the expression, and the map it gives, or null when Helm rejects it. */
    private record Case(String expr, Map<String, Object> expect) {
    }

    private static Case ok(String expr, Map<String, Object> expect) {
        return new Case(expr, expect);
    }

    private static Case err(String expr) {
        return new Case(expr, null);
    }

    private static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    static final List<Case> SET = List.of(
            ok("name1=null,f=false,t=true", map("name1", null, "f", false, "t", true)),
            ok("name1=value1", map("name1", "value1")),
            ok("name1=value1,name2=value2", map("name1", "value1", "name2", "value2")),
            ok("name1=value1,name2=value2,", map("name1", "value1", "name2", "value2")),
            err("name1=value1,,,,name2=value2,"),
            ok("name1=,name2=value2", map("name1", "", "name2", "value2")),
            ok("leading_zeros=00009", map("leading_zeros", "00009")),
            ok("zero_int=0", map("zero_int", 0L)),
            ok("long_int=1234567890", map("long_int", 1234567890L)),
            ok("boolean=true", map("boolean", true)),
            ok("is_null=null", map("is_null", null)),
            err("name1,name2="),
            err("name1,name2=value2"),
            err("name1,name2=value2\\"),
            err("name1,name2"),
            ok("name1=one\\,two,name2=three\\,four", map("name1", "one,two", "name2", "three,four")),
            ok("name1=one\\=two,name2=three\\=four", map("name1", "one=two", "name2", "three=four")),
            ok("name1=one two three,name2=three two one", map("name1", "one two three", "name2", "three two one")),
            ok("outer.inner=value", map("outer", map("inner", "value"))),
            ok("outer.middle.inner=value", map("outer", map("middle", map("inner", "value")))),
            ok("outer.inner1=value,outer.inner2=value2", map("outer", map("inner1", "value", "inner2", "value2"))),
            ok("outer.inner1=value,outer.middle.inner=value",
                    map("outer", map("inner1", "value", "middle", map("inner", "value")))),
            err("name1.name2"),
            err("name1.name2,name1.name3"),
            ok("name1.name2=", map("name1", map("name2", ""))),
            err("name1.=name2"),
            err("name1.,name2"),
            ok("name1={value1,value2}", map("name1", list("value1", "value2"))),
            ok("name1={value1,value2},name2={value1,value2}",
                    map("name1", list("value1", "value2"), "name2", list("value1", "value2"))),
            ok("name1={1021,902}", map("name1", list(1021L, 902L))),
            ok("name1.name2={value1,value2}", map("name1", map("name2", list("value1", "value2")))),
            err("name1={1021,902"),
            ok("list[0]=foo", map("list", list("foo"))),
            ok("list[0].foo=bar", map("list", list(map("foo", "bar")))),
            ok("list[0].foo=bar,list[0].hello=world", map("list", list(map("foo", "bar", "hello", "world")))),
            err("list[0].foo=bar,list[-30].hello=world"),
            ok("list[0]=foo,list[1]=bar", map("list", list("foo", "bar"))),
            ok("list[0]=foo,list[1]=bar,", map("list", list("foo", "bar"))),
            ok("list[0]=foo,list[3]=bar", map("list", list("foo", null, null, "bar"))),
            err("list[0]=foo,list[-20]=bar"),
            err("illegal[0]name.foo=bar"),
            ok("noval[0]", map("noval", list())),
            ok("noval[0]=", map("noval", list(""))),
            ok("nested[0][0]=1", map("nested", list(list(1L)))),
            ok("nested[1][1]=1", map("nested", list(null, list(null, 1L)))),
            ok("name1.name2[0].foo=bar,name1.name2[1].foo=bar",
                    map("name1", map("name2", list(map("foo", "bar"), map("foo", "bar"))))),
            ok("name1.name2[1].foo=bar,name1.name2[0].foo=bar",
                    map("name1", map("name2", list(map("foo", "bar"), map("foo", "bar"))))),
            ok("name1.name2[1].foo=bar", map("name1", map("name2", list(null, map("foo", "bar"))))),
            err("]={}]."));

    static final List<Case> SET_STRING = List.of(
            ok("long_int_string=1234567890", map("long_int_string", "1234567890")),
            ok("boolean=true", map("boolean", "true")),
            ok("is_null=null", map("is_null", "null")),
            ok("zero=0", map("zero", "0")));

    @Test
    void everyCaseOfHelmsSetTableAgrees() {
        assertThat(disagreements(SET, SetParser.Mode.TYPED)).isEmpty();
        assertThat(SET).hasSize(49);
    }

    @Test
    void everyCaseOfHelmsSetStringTableAgrees() {
        assertThat(disagreements(SET_STRING, SetParser.Mode.STRING)).isEmpty();
        assertThat(SET_STRING).hasSize(4);
    }

    private static List<String> disagreements(List<Case> cases, SetParser.Mode mode) {
        List<String> out = new ArrayList<>();
        for (Case c : cases) {
            Map<String, Object> got;
            try {
                got = SetParser.parse(c.expr(), mode, null);
            } catch (InvalidRequestException e) {
                if (c.expect() != null) {
                    out.add(c.expr() + ": Helm accepts it, osk says " + e.getMessage());
                }
                continue;
            }
            if (c.expect() == null) {
                out.add(c.expr() + ": Helm rejects it, osk gives " + got);
            } else if (!got.equals(c.expect())) {
                out.add(c.expr() + ": Helm gives " + c.expect() + ", osk " + got);
            }
        }
        return out;
    }
}
