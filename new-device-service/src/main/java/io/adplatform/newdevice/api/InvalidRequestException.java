package io.adplatform.newdevice.api;

import java.util.List;

/** The request was read but breaks the contract; nothing has been written. */
class InvalidRequestException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    InvalidRequestException(List<FieldProblem> problems) {
        super(problems.size() + " invalid field(s), first: " + problems.get(0).field());
        this.problems = List.copyOf(problems);
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
