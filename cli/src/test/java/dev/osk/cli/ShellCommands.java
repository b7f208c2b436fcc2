package dev.osk.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The programs a container command runs: the first word of each simple command of a shell script (after
 * variable assignments and redirections, through {@code exec}, {@code timeout}, {@code dumb-init}, {@code sudo} and
 * the like, inside command substitutions and nested {@code bash -c} strings), and the modules Python snippets
 * import ({@code python3 -c}, {@code python3 - <<EOF}). Shell keywords, builtins and the script's own functions are
 * not programs. A word that is a variable (`"$HORIZON_PYTHON"`) is resolved through the container's environment.
 * Files the script sources ({@code . /etc/apache2/envvars}) are noted too: they must be in the image.
 */
final class ShellCommands {
    static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while",
            "until", "case", "esac", "function", "{", "}", "!", "[[", "]]", "time");
    static final Set<String> BUILTINS = Set.of("echo", "printf", "cd", "set", "export", "local", "return", "exit",
            "true", "false", ":", ".", "source", "read", "shift", "trap", "wait", "test", "[", "eval", "unset",
            "umask", "break", "continue", "let", "declare", "readonly", "type", "hash", "ulimit", "getopts", "pwd");
    /** programs that run the command after their own options: each is a program, and so is the command */
    static final Set<String> WRAPPERS = Set.of("exec", "command", "timeout", "dumb-init", "sudo", "runuser", "env",
            "nice", "nohup", "setsid", "chroot");
    static final Set<String> SHELLS = Set.of("bash", "sh");
    static final Set<String> PYTHONS = Set.of("python3", "python");
    private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\1");
    private static final Pattern IMPORT = Pattern.compile(
            "^\\s*(?:import\\s+([\\w.]+(?:\\s*,\\s*[\\w.]+)*)|from\\s+([\\w.]+)\\s+import\\b)", Pattern.MULTILINE);
    /** a here-document fed to Python: `python3 - <<'PY'` (also inside `$(`) */
    private static final Pattern PYTHON_HEREDOC = Pattern.compile("(^|[\\s(;|&/])python3?(\\s|$)");
    private static final Pattern VARIABLE = Pattern.compile("^\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?$");

    /** what a command needs: programs as written (a path or a name) and Python modules */
    record Needs(Set<String> programs, Set<String> modules, Set<String> sourced, Set<String> unresolved) {
        Needs() {
            this(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
        }
    }

    private final Function<String, String> env;
    /** script files the command may run, by path (the ConfigMap files mounted into the container) */
    private final Map<String, String> files;
    private final Needs needs = new Needs();
    private final Set<String> functions = new LinkedHashSet<>();
    /** variables the script sets to plain words (FRESH=false), so `$FRESH` as a command reads as false */
    private final Map<String, String> locals = new java.util.HashMap<>();

    private ShellCommands(Function<String, String> env, Map<String, String> files) {
        this.env = env;
        this.files = files;
    }

    static Needs of(List<String> argv, Function<String, String> env, Map<String, String> files) {
        ShellCommands s = new ShellCommands(env, files);
        s.command(new ArrayList<>(argv));
        return s.needs;
    }

    static String base(String program) {
        return program.substring(program.lastIndexOf('/') + 1);
    }

    /** one simple command, already split into words (quotes removed) */
    private void command(List<String> words) {
        while (!words.isEmpty() && (KEYWORDS.contains(words.get(0)) || isAssignment(words.get(0)))) {
            String w = words.get(0);
            if (w.equals("for") || w.equals("case")) {
                return;
            }
            if (isAssignment(w) && !w.contains("$")) {
                locals.put(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
            }
            words.remove(0);
        }
        if (words.isEmpty()) {
            return;
        }
        String first = words.get(0);
        Matcher v = VARIABLE.matcher(first);
        if (v.matches()) {
            String value = locals.containsKey(v.group(1)) ? locals.get(v.group(1)) : env.apply(v.group(1));
            if (value == null) {
                needs.unresolved().add(first);
                return;
            }
            first = value;
            words.set(0, value);
        } else if (first.contains("$")) {
            needs.unresolved().add(first);
            return;
        }
        String name = base(first);
        if ((first.equals(".") || first.equals("source")) && words.size() > 1) {
            Matcher f = VARIABLE.matcher(words.get(1));
            String file = f.matches() ? env.apply(f.group(1)) : words.get(1);
            if (file == null || file.contains("$")) {
                needs.unresolved().add(words.get(1));
            } else {
                needs.sourced().add(file);
            }
            return;
        }
        if (BUILTINS.contains(name) && !first.contains("/") || functions.contains(first)) {
            return;
        }
        if (!name.equals("exec") && !name.equals("command")) {
            needs.programs().add(first);
        }
        List<String> rest = words.subList(1, words.size());
        if (WRAPPERS.contains(name)) {
            List<String> inner = afterOptions(name, rest);
            if (!inner.isEmpty()) {
                command(new ArrayList<>(inner));
            }
        } else if (SHELLS.contains(name)) {
            for (int i = 0; i < rest.size(); i++) {
                String w = rest.get(i);
                if (w.startsWith("-") && w.contains("c") && i + 1 < rest.size()) {
                    script(rest.get(i + 1));
                    return;
                }
                if (!w.startsWith("-")) {
                    String file = files.get(w);
                    if (file != null) {
                        script(file);
                    } else {
                        needs.unresolved().add(w + " (a script the render does not hold)");
                    }
                    return;
                }
            }
        } else if (PYTHONS.contains(name)) {
            for (int i = 0; i < rest.size(); i++) {
                String w = rest.get(i);
                if (w.equals("-c") || w.equals("-m")) {
                    if (w.equals("-c") && i + 1 < rest.size()) {
                        python(rest.get(i + 1));
                    }
                    return;
                }
                if (w.equals("-") || !w.startsWith("-")) {
                    // a script file: a ConfigMap file mounted at that path is read for its imports (a script of
                    // the image, such as horizon's manage.py, is the image's; a here-document is read elsewhere)
                    String file = files.get(w);
                    if (file != null) {
                        python(file);
                    }
                    return;
                }
            }
        }
    }

    private static List<String> afterOptions(String wrapper, List<String> args) {
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.equals("--")) {
                return args.subList(i + 1, args.size());
            }
            if (wrapper.equals("env") && isAssignment(a)) {
                i++;
            } else if (a.startsWith("-")) {
                // options that take a value as the next word
                boolean takesValue = wrapper.equals("runuser") && (a.equals("-u") || a.equals("-g"))
                        || wrapper.equals("sudo") && (a.equals("-u") || a.equals("-g"))
                        || wrapper.equals("timeout") && (a.equals("-s") || a.equals("-k"));
                i += takesValue ? 2 : 1;
            } else if (wrapper.equals("timeout")) {
                return args.subList(i + 1, args.size());
            } else {
                return args.subList(i, args.size());
            }
        }
        return List.of();
    }

    private static boolean isAssignment(String w) {
        return w.matches("[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?\\+?=.*");
    }

    private void python(String code) {
        Matcher m = IMPORT.matcher(code);
        while (m.find()) {
            String list = m.group(1) != null ? m.group(1) : m.group(2);
            for (String mod : list.split("\\s*,\\s*")) {
                needs.modules().add(mod.strip().split("\\.")[0]);
            }
        }
    }

    /** a whole script: lines joined, here-documents taken out, then split into simple commands */
    private void script(String text) {
        String[] lines = text.replace("\\\n", " ").split("\n", -1);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher h = HEREDOC.matcher(stripComment(line));
            if (h.find()) {
                StringBuilder doc = new StringBuilder();
                int j = i + 1;
                while (j < lines.length && !lines[j].strip().equals(h.group(2))) {
                    doc.append(lines[j]).append('\n');
                    j++;
                }
                String head = line.substring(0, h.start());
                if (PYTHON_HEREDOC.matcher(head).find()) {
                    python(doc.toString());
                }
                body.append(head).append(line.substring(h.end())).append('\n');
                i = j;
            } else {
                body.append(line).append('\n');
            }
        }
        for (List<String> words : split(body.toString())) {
            int brace = -1;
            if (words.size() >= 2 && words.get(0).endsWith("()")) {
                functions.add(words.get(0).substring(0, words.get(0).length() - 2));
                brace = 1;
            } else if (words.size() >= 3 && words.get(1).equals("()")) {
                functions.add(words.get(0));
                brace = 2;
            }
            if (brace < 0) {
                command(words);
            } else if (words.get(brace).equals("{") && words.size() > brace + 1) {
                // a one-line function (name() { cmd; }): its first command follows the brace
                command(new ArrayList<>(words.subList(brace + 1, words.size())));
            }
        }
    }

    private static String stripComment(String line) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == 0 && c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                break;
            }
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (quote == c) {
                quote = 0;
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Splits shell text into simple commands, each a list of words with quotes removed. Command substitutions
     * ($(...) and `...`) are scripts of their own, scanned here too; `;`, `&&`, `||`, `|`, `&`, newlines and
     * grouping parentheses end a command; redirections are dropped.
     */
    private List<List<String>> split(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n) {
                word.append(text.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                end = end < 0 ? n : end;
                word.append(text, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                int j = i + 1;
                StringBuilder q = new StringBuilder();
                while (j < n && text.charAt(j) != '"') {
                    if (text.charAt(j) == '\\' && j + 1 < n) {
                        q.append(text.charAt(j + 1));
                        j += 2;
                    } else if (text.startsWith("$(", j)) {
                        int end = closing(text, j + 1);
                        script(text.substring(j + 2, end));
                        q.append("$(...)");
                        j = end + 1;
                    } else {
                        q.append(text.charAt(j));
                        j++;
                    }
                }
                word.append(q);
                inWord = true;
                i = j + 1;
            } else if (text.startsWith("$((", i)) {
                int end = closing(text, i + 1);
                word.append("$((...))");
                inWord = true;
                i = end + 1;
            } else if (text.startsWith("$(", i)) {
                int end = closing(text, i + 1);
                script(text.substring(i + 2, end));
                word.append("$(...)");
                inWord = true;
                i = end + 1;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i);
                end = end < 0 ? n - 1 : end;
                word.append(text, i, end + 1);
                inWord = true;
                i = end + 1;
            } else if (c == '`') {
                int end = text.indexOf('`', i + 1);
                end = end < 0 ? n : end;
                script(text.substring(i + 1, end));
                word.append("$(...)");
                inWord = true;
                i = end + 1;
            } else if (c == '#' && !inWord) {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == ' ' || c == '\t') {
                inWord = flush(word, words, inWord);
                i++;
            } else if (c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
                inWord = flush(word, words, inWord);
                if (c == '(' && i + 1 < n && text.charAt(i + 1) == ')') {
                    words.add("()");
                    i += 2;
                    continue;
                }
                if (c == '&' && !words.isEmpty() && endsWithRedirect(words)) {
                    i++;
                    continue;
                }
                if (!words.isEmpty()) {
                    out.add(dropRedirections(words));
                }
                words = new ArrayList<>();
                i++;
            } else if (c == '>' || c == '<') {
                // a redirection: the operator and its target are not words of the command
                inWord = flush(word, words, inWord);
                int j = i;
                while (j < n && (text.charAt(j) == '>' || text.charAt(j) == '<' || text.charAt(j) == '&')) {
                    j++;
                }
                words.add("\u0000redirect");
                i = j;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        flush(word, words, inWord);
        if (!words.isEmpty()) {
            out.add(dropRedirections(words));
        }
        out.removeIf(List::isEmpty);
        return out;
    }

    private static boolean endsWithRedirect(List<String> words) {
        return words.get(words.size() - 1).equals("\u0000redirect");
    }

    private static boolean flush(StringBuilder word, List<String> words, boolean inWord) {
        if (inWord) {
            words.add(word.toString());
            word.setLength(0);
        }
        return false;
    }

    /** drops each redirection marker and the word after it (its target); a digit before it is the descriptor */
    private static List<String> dropRedirections(List<String> words) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals("\u0000redirect")) {
                if (!out.isEmpty() && out.get(out.size() - 1).matches("\\d+")) {
                    out.remove(out.size() - 1);
                }
                i++;
            } else {
                out.add(words.get(i));
            }
        }
        return out;
    }

    /** the index of the parenthesis that closes the one at {@code open} */
    private static int closing(String text, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return text.length() - 1;
    }
}
