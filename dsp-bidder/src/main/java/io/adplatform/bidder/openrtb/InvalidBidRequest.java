package io.adplatform.bidder.openrtb;

import java.util.List;

/** A bid request refused before any bidding work: the HTTP status to answer and every field at fault. */
public final class InvalidBidRequest extends RuntimeException {

    private final int status;
    private final List<RequestProblem> problems;

    public InvalidBidRequest(int status, String detail, List<RequestProblem> problems) {
        super(detail, null, false, false); // no stack trace: refusals are routine at an exchange's volume
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    public List<RequestProblem> problems() {
        return problems;
    }
}
