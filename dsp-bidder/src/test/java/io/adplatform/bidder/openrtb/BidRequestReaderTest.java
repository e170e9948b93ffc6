package io.adplatform.bidder.openrtb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OpenRTB 2.6 requests of every kind read into the model; bad ones are refused naming each field. */
class BidRequestReaderTest {

    private final BidRequestReader reader = new BidRequestReader(64 * 1024);

    @ParameterizedTest
    @ValueSource(strings = {"site-banner", "app-video", "app-native", "site-multi-pmp", "app-banner-interstitial"})
    void readsEveryKindOfRequest(String name) throws IOException {
        BidRequest r = reader.read(fixture(name), null, "2.6");

        assertThat(r.id()).isNotBlank();
        assertThat(r.imp()).isNotEmpty();
        assertThat(r.device().ua()).isNotBlank();
        assertThat(r.site() == null ^ r.app() == null).as("site or app").isTrue();
    }

    @Test
    void mapsTheFieldsTheBidderUses() throws IOException {
        BidRequest banner = reader.read(fixture("site-banner"), null, null);
        assertThat(banner.firstPrice()).isTrue();
        assertThat(banner.tmax()).isEqualTo(120);
        assertThat(banner.imp().get(0).bidfloor()).isEqualByComparingTo(new BigDecimal("0.03"));
        assertThat(banner.imp().get(0).banner().format()).extracting(BidRequest.Format::w).containsExactly(300, 320);
        assertThat(banner.site().domain()).isEqualTo("news.example.com");
        assertThat(banner.device().geo().country()).isEqualTo("USA");
        assertThat(banner.user().data().get(0).segment().get(0).id()).isEqualTo("seg-42");
        assertThat(banner.bcat()).containsExactly("IAB25", "IAB26");
        assertThat(banner.regs().us_privacy()).isEqualTo("1YNN");
        assertThat(banner.ext().path("exchange").path("seat").asString()).isEqualTo("adx-1");

        BidRequest video = reader.read(fixture("app-video"), null, null);
        assertThat(video.firstPrice()).isFalse();
        assertThat(video.imp().get(0).video().mimes()).contains("video/mp4");
        assertThat(video.imp().get(0).video().companionad()).hasSize(1);
        assertThat(video.app().bundle()).isEqualTo("com.example.puzzle");
        assertThat(video.device().ifa()).isEqualTo("38400000-8cf0-11bd-b23e-10b96e40000d");
        assertThat(video.regs().gpp_sid()).containsExactly(2, 6);

        BidRequest nativeAd = reader.read(fixture("app-native"), null, null);
        assertThat(nativeAd.imp().get(0).nativeAd().request().asString()).contains("\"assets\"");

        BidRequest multi = reader.read(fixture("site-multi-pmp"), null, null);
        assertThat(multi.imp().get(0).pmp().deals().get(0).id()).isEqualTo("deal-7");
        assertThat(multi.imp().get(1).banner().format().get(0).wmin()).isEqualTo(200);
        assertThat(multi.user().eids()).hasSize(1);
    }

    @Test
    void readsGzippedRequests() throws IOException {
        byte[] plain = fixture("app-video");
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(plain);
        }

        assertThat(reader.read(zipped.toByteArray(), "gzip", "2.6").id()).isEqualTo("1234567893");
        assertRefused(() -> reader.read(plain, "gzip", null), 400, "body");
    }

    @Test
    void refusesWhatTheBidderCannotWorkWithNamingEachField() {
        assertRefused(() -> read("""
                {"imp":[{"banner":{}},{"id":"1"},{"id":"1","video":{}},{"id":"2","native":{}}],
                 "site":{"id":"s"},"app":{"id":"a"},"tmax":0,"at":3,"cur":["usd"]}"""),
                400, "id", "imp[0].id", "imp[0].banner", "imp[1]", "imp[2].id", "imp[2].video.mimes", "imp[3].native.request", "app",
                "tmax", "at", "cur[0]");
        assertRefused(() -> read("{\"id\":\"x\",\"imp\":[]}"), 400, "imp");
        assertRefused(() -> read("{\"id\":\"x\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":1,\"h\":1},"
                + "\"bidfloor\":-1,\"bidfloorcur\":\"dollars\"}]}"), 400, "imp[0].bidfloor", "imp[0].bidfloorcur");
        assertRefused(() -> read("{\"id\":\"x\",\"imp\":[{\"id\":\"1\",\"banner\":{\"format\":[{\"w\":0,\"h\":50}]}}]}"),
                400, "imp[0].banner.format[0]");
        assertRefused(() -> read("{\"id\":\"x\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":\"wide\"}}]}"), 400,
                "imp[0].banner.w");
        assertRefused(() -> read("{\"id\": "), 400, "body");
        assertRefused(() -> read("[1,2]"), 400, "body");
        assertRefused(() -> read(""), 400, "body");
        assertRefused(() -> reader.read("{}".getBytes(StandardCharsets.UTF_8), null, "3.0"), 400, "x-openrtb-version");
        assertRefused(() -> new BidRequestReader(10).read("{\"id\":\"0123456789\"}".getBytes(StandardCharsets.UTF_8),
                null, null), 413, "body");
    }

    private BidRequest read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8), null, null);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status,
                                      String... fields) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidBidRequest.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.problems()).extracting(RequestProblem::field).containsExactlyInAnyOrder(fields);
        });
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = BidRequestReaderTest.class.getResourceAsStream("/openrtb/" + name + ".json")) {
            return List.of(in).get(0).readAllBytes();
        }
    }
}
