package io.adplatform.web;

/** One field at fault in a request, as listed in a problem's {@code errors} array. */
public record FieldError(String field, String message) {
}
