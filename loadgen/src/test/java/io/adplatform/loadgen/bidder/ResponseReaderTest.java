package io.adplatform.loadgen.bidder;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseReaderTest {

    private final List<String> seen = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ResponseReader(new ResponseReader.Listener() {
        @Override
        public boolean wantsErrorBody() {
            return true;
        }

        @Override
        public void response(Channel ch, int status, String errorBody) {
            seen.add(status + (errorBody == null ? "" : " " + errorBody));
        }

        @Override
        public void closed(Channel ch) {
            seen.add("closed");
        }

        @Override
        public void failed(Channel ch, Throwable cause) {
            seen.add("failed: " + cause.getMessage());
        }
    }));

    @Test
    void responsesSplitAtEveryByteOrPackedTogetherAreReadOneByOne() {
        String wire = "HTTP/1.1 204 No Content\r\nx-a: b\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 23\r\n\r\n"
                + "{\"id\":\"1\",\"seatbid\":[]}"
                + "HTTP/1.1 400 Bad Request\r\nCONTENT-LENGTH: 13\r\n\r\n{\"title\":\"x\"}"
                + "HTTP/1.1 204 No Content\r\n\r\n";
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        for (byte b : bytes) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));

        List<String> once = List.of("204", "200", "400 {\"title\":\"x\"}", "204");
        List<String> twice = new ArrayList<>(once);
        twice.addAll(once);
        assertThat(seen).isEqualTo(twice);
    }

    @Test
    void chunkedAnswersAndGarbageAreFailuresNotSilentSuccesses() {
        channel.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                StandardCharsets.ISO_8859_1));
        assertThat(seen).singleElement().asString().startsWith("failed: ").contains("chunked");

        seen.clear();
        EmbeddedChannel other = new EmbeddedChannel(new ResponseReader(listener(seen)));
        other.writeInbound(Unpooled.copiedBuffer("SSH-2.0-OpenSSH_9.6\r\n\r\n", StandardCharsets.ISO_8859_1));
        assertThat(seen).singleElement().asString().startsWith("failed: ").contains("not an HTTP response");
    }

    @Test
    void aClosedConnectionIsReported() {
        channel.close();
        assertThat(seen).containsExactly("closed");
    }

    private static ResponseReader.Listener listener(List<String> into) {
        return new ResponseReader.Listener() {
            @Override
            public boolean wantsErrorBody() {
                return false;
            }

            @Override
            public void response(Channel ch, int status, String errorBody) {
                into.add(Integer.toString(status));
            }

            @Override
            public void closed(Channel ch) {
                into.add("closed");
            }

            @Override
            public void failed(Channel ch, Throwable cause) {
                into.add("failed: " + cause.getMessage());
            }
        };
    }
}
