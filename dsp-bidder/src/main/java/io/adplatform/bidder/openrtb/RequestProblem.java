package io.adplatform.bidder.openrtb;

/** One field at fault in a bid request, named by its JSON path ({@code imp[0].banner.format}). */
public record RequestProblem(String field, String message) {
}
