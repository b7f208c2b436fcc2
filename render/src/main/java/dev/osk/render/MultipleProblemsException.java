package dev.osk.render;

import java.util.List;

/** Several independent problems found in one pass, reported together. */
public class MultipleProblemsException extends OskException {
    private final transient List<OskException> problems;

    public MultipleProblemsException(List<OskException> problems) {
        super(problems.get(0).location(), problems.get(0).detail()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<OskException> problems() {
        return problems;
    }

    @Override
    public List<String> lines() {
        return problems.stream().map(Throwable::getMessage).toList();
    }
}
