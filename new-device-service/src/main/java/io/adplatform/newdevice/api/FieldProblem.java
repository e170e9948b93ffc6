package io.adplatform.newdevice.api;

/** One entry of a problem's {@code errors} array: which field, what is wrong with it. */
record FieldProblem(String field, String message) {
}
