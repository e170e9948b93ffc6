package io.adplatform.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An OpenRTB 2.6 bid request (IAB Tech Lab, OpenRTB API Specification 2.6, §3.2), as our own records: field names as
 * on the wire, every {@code ext} kept as a JSON node. Objects and fields this bidder does not use (Audio, DOOH, SUA
 * details...) are read as JSON nodes or ignored — a newer exchange never breaks the reader.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BidRequest(String id, List<Imp> imp, Site site, App app, Device device, User user, Integer test,
                         Integer at, Integer tmax, List<String> wseat, List<String> bseat, Integer allimps,
                         List<String> cur, List<String> wlang, List<String> bcat, Integer cattax, List<String> badv,
                         List<String> bapp, Source source, Regs regs, JsonNode ext) {

    /** First price ({@code at} = 1) or second price plus (2, the default). */
    public boolean firstPrice() {
        return at != null && at == 1;
    }

    /** §3.2.4 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Imp(String id, List<JsonNode> metric, Banner banner, Video video, JsonNode audio,
                      @com.fasterxml.jackson.annotation.JsonProperty("native") Native nativeAd, Pmp pmp,
                      String displaymanager, String displaymanagerver, Integer instl, String tagid,
                      BigDecimal bidfloor, String bidfloorcur, Integer clickbrowser, Integer secure,
                      List<String> iframebuster, Integer rwdd, Integer ssai, Integer exp, JsonNode qty, Long dt,
                      JsonNode refresh, JsonNode ext) {
    }

    /** §3.2.6 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Banner(List<Format> format, Integer w, Integer h, List<Integer> btype, List<Integer> battr,
                         Integer pos, List<String> mimes, Integer topframe, List<Integer> expdir, List<Integer> api,
                         String id, Integer vcm, JsonNode ext) {
    }

    /** §3.2.10 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Format(Integer w, Integer h, Integer wratio, Integer hratio, Integer wmin, JsonNode ext) {
    }

    /** §3.2.7 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Video(List<String> mimes, Integer minduration, Integer maxduration, Integer startdelay,
                        Integer maxseq, Integer poddur, List<Integer> protocols, Integer w, Integer h, String podid,
                        Integer podseq, List<Integer> rqddurs, Integer placement, Integer plcmt, Integer linearity,
                        Integer skip, Integer skipmin, Integer skipafter, Integer sequence, Integer slotinpod,
                        BigDecimal mincpmpersec, List<Integer> battr, Integer maxextended, Integer minbitrate,
                        Integer maxbitrate, Integer boxingallowed, List<Integer> playbackmethod, Integer playbackend,
                        List<Integer> delivery, Integer pos, List<Banner> companionad, List<Integer> api,
                        List<Integer> companiontype, List<Integer> poddedupe, JsonNode ext) {
    }

    /** §3.2.9: {@code request} is the Native Ads request (its own JSON document, usually as a string). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Native(JsonNode request, String ver, List<Integer> api, List<Integer> battr, JsonNode ext) {
    }

    /** §3.2.11 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pmp(Integer private_auction, List<Deal> deals, JsonNode ext) {
    }

    /** §3.2.12 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Deal(String id, BigDecimal bidfloor, String bidfloorcur, Integer at, List<String> wseat,
                       List<String> wadomain, Integer guar, BigDecimal mincpmpersec, Integer durfloors, JsonNode ext) {
    }

    /** §3.2.13 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Site(String id, String name, String domain, Integer cattax, List<String> cat,
                       List<String> sectioncat, List<String> pagecat, String page, String ref, String search,
                       Integer mobile, Integer privacypolicy, Publisher publisher, JsonNode content, String keywords,
                       List<String> kwarray, JsonNode ext) {
    }

    /** §3.2.14 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record App(String id, String name, String bundle, String domain, String storeurl, Integer cattax,
                      List<String> cat, List<String> sectioncat, List<String> pagecat, String ver,
                      Integer privacypolicy, Integer paid, Publisher publisher, JsonNode content, String keywords,
                      List<String> kwarray, String inventorypartnerdomain, JsonNode ext) {
    }

    /** §3.2.15 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Publisher(String id, String name, Integer cattax, List<String> cat, String domain, JsonNode ext) {
    }

    /** §3.2.18 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Device(Geo geo, Integer dnt, Integer lmt, String ua, JsonNode sua, String ip, String ipv6,
                         Integer devicetype, String make, String model, String os, String osv, String hwv,
                         Integer h, Integer w, Integer ppi, BigDecimal pxratio, Integer js, Integer geofetch,
                         String flashver, String language, String langb, String carrier, String mccmnc,
                         Integer connectiontype, String ifa, String didsha1, String didmd5, String dpidsha1,
                         String dpidmd5, String macsha1, String macmd5, JsonNode ext) {
    }

    /** §3.2.19 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Geo(Double lat, Double lon, Integer type, Integer accuracy, Integer lastfix, Integer ipservice,
                      String country, String region, String regionfips104, String metro, String city, String zip,
                      Integer utcoffset, JsonNode ext) {
    }

    /** §3.2.20 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record User(String id, String buyeruid, Integer yob, String gender, String keywords, List<String> kwarray,
                       String customdata, Geo geo, List<Data> data, String consent, List<JsonNode> eids,
                       JsonNode ext) {
    }

    /** §3.2.21 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(String id, String name, List<Segment> segment, JsonNode ext) {
    }

    /** §3.2.22 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Segment(String id, String name, String value, JsonNode ext) {
    }

    /** §3.2.3 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Regs(Integer coppa, Integer gdpr, String us_privacy, String gpp, List<Integer> gpp_sid,
                       JsonNode ext) {
    }

    /** §3.2.2 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(Integer fd, String tid, String pchain, JsonNode schain, JsonNode ext) {
    }
}
