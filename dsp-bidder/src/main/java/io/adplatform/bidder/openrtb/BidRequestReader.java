package io.adplatform.bidder.openrtb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads an exchange's bid request: gunzips it when {@code Content-Encoding: gzip}, checks {@code x-openrtb-version}
 * (2.x), parses OpenRTB 2.6 JSON into {@link BidRequest} with {@link BidRequestParser} (unknown fields ignored, as
 * the spec asks of bidders) and checks what the bidder relies on, naming every field at fault. Plain Java, no
 * framework: the bid path calls it directly.
 */
public final class BidRequestReader {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final int maxBytes;

    /** @param maxBytes largest request accepted, after gunzip */
    public BidRequestReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public BidRequest read(byte[] body, String contentEncoding, String openRtbVersion) {
        if (openRtbVersion != null && !openRtbVersion.isBlank() && !openRtbVersion.strip().startsWith("2.")) {
            throw invalid(400, "x-openrtb-version", "this bidder speaks OpenRTB 2.x (2.6), not " + openRtbVersion);
        }
        byte[] json = body;
        if (contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            json = gunzip(body);
        }
        if (json.length > maxBytes) {
            throw invalid(413, "body", "larger than " + maxBytes + " bytes");
        }
        if (json.length == 0) {
            throw invalid(400, "body", "is empty");
        }
        BidRequest request = BidRequestParser.parse(json);
        List<RequestProblem> problems = validate(request);
        if (!problems.isEmpty()) {
            throw new InvalidBidRequest(400, problems.size() == 1
                    ? "field '" + problems.get(0).field() + "' " + problems.get(0).message()
                    : problems.size() + " fields are invalid", problems);
        }
        return request;
    }

    /** What the bidder relies on (OpenRTB 2.6 §3.2): ids, at least one impression, one media object per impression. */
    static List<RequestProblem> validate(BidRequest r) {
        List<RequestProblem> p = new ArrayList<>();
        if (r.id() == null || r.id().isBlank()) {
            p.add(new RequestProblem("id", "is required"));
        }
        if (r.imp() == null || r.imp().isEmpty()) {
            p.add(new RequestProblem("imp", "is required: at least one impression"));
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < r.imp().size(); i++) {
                validateImp(r.imp().get(i), "imp[" + i + "]", ids, p);
            }
        }
        if (r.site() != null && r.app() != null) {
            p.add(new RequestProblem("app", "a request has a site or an app, not both"));
        }
        if (r.tmax() != null && r.tmax() <= 0) {
            p.add(new RequestProblem("tmax", "must be a positive number of milliseconds"));
        }
        if (r.at() != null && r.at() != 1 && r.at() != 2 && r.at() < 500) {
            p.add(new RequestProblem("at", "must be 1 (first price), 2 (second price) or an exchange value >= 500"));
        }
        if (r.cur() != null) {
            for (int i = 0; i < r.cur().size(); i++) {
                if (r.cur().get(i) == null || !CURRENCY.matcher(r.cur().get(i)).matches()) {
                    p.add(new RequestProblem("cur[" + i + "]", "must be an ISO-4217 code like USD"));
                }
            }
        }
        return p;
    }

    private static void validateImp(BidRequest.Imp imp, String at, Set<String> ids, List<RequestProblem> p) {
        if (imp == null) {
            p.add(new RequestProblem(at, "is required"));
            return;
        }
        if (imp.id() == null || imp.id().isBlank()) {
            p.add(new RequestProblem(at + ".id", "is required"));
        } else if (!ids.add(imp.id())) {
            p.add(new RequestProblem(at + ".id", "repeats another impression's id"));
        }
        if (imp.banner() == null && imp.video() == null && imp.audio() == null && imp.nativeAd() == null) {
            p.add(new RequestProblem(at, "needs a banner, video, audio or native object"));
        }
        if (imp.bidfloor() != null && imp.bidfloor().compareTo(BigDecimal.ZERO) < 0) {
            p.add(new RequestProblem(at + ".bidfloor", "must not be negative"));
        }
        if (imp.bidfloorcur() != null && !CURRENCY.matcher(imp.bidfloorcur()).matches()) {
            p.add(new RequestProblem(at + ".bidfloorcur", "must be an ISO-4217 code like USD"));
        }
        BidRequest.Banner banner = imp.banner();
        if (banner != null) {
            boolean sized = banner.w() != null && banner.h() != null;
            if ((banner.format() == null || banner.format().isEmpty()) && !sized) {
                p.add(new RequestProblem(at + ".banner", "needs format[] or w and h"));
            }
            if (banner.format() != null) {
                for (int f = 0; f < banner.format().size(); f++) {
                    BidRequest.Format fmt = banner.format().get(f);
                    boolean fixed = fmt != null && fmt.w() != null && fmt.h() != null && fmt.w() > 0 && fmt.h() > 0;
                    boolean flex = fmt != null && fmt.wratio() != null && fmt.hratio() != null && fmt.wmin() != null;
                    if (!fixed && !flex) {
                        p.add(new RequestProblem(at + ".banner.format[" + f + "]",
                                "needs positive w and h, or wratio, hratio and wmin"));
                    }
                }
            }
        }
        if (imp.video() != null && (imp.video().mimes() == null || imp.video().mimes().isEmpty())) {
            p.add(new RequestProblem(at + ".video.mimes", "is required"));
        }
        if (imp.nativeAd() != null && (imp.nativeAd().request() == null || imp.nativeAd().request().isNull())) {
            p.add(new RequestProblem(at + ".native.request", "is required"));
        }
    }

    private byte[] gunzip(byte[] body) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] out = in.readNBytes(maxBytes + 1);
            if (out.length > maxBytes) {
                throw invalid(413, "body", "larger than " + maxBytes + " bytes once gunzipped");
            }
            return out;
        } catch (IOException e) {
            throw invalid(400, "body", "is not valid gzip (Content-Encoding: gzip)");
        }
    }

    static InvalidBidRequest invalid(int status, String field, String message) {
        return new InvalidBidRequest(status, "field '" + field + "' " + message,
                List.of(new RequestProblem(field, message)));
    }
}
