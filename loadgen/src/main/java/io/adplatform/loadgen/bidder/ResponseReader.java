package io.adplatform.loadgen.bidder;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads HTTP/1.1 responses off one client connection with as little work as the load generator can get away with:
 * the status code, {@code Content-Length} to skip the body, nothing else parsed or allocated (a body is copied only
 * when the listener wants a sample of an error). A general HTTP decoder cost the generator more CPU per request than
 * the baseline server spent answering it. Chunked responses are refused: the servers measured answer with a length.
 */
final class ResponseReader extends ByteToMessageDecoder {

    /** What the connection learns. All calls come on the channel's event loop. */
    interface Listener {

        /** Whether to copy the next non-2xx body for the report. */
        boolean wantsErrorBody();

        /** One complete response; {@code errorBody} only for a non-2xx status the listener wanted a sample of. */
        void response(Channel channel, int status, String errorBody);

        void closed(Channel channel);

        void failed(Channel channel, Throwable cause);
    }

    private static final int MAX_HEAD = 16 * 1024;

    private final Listener listener;
    private int status = -1;   // -1: reading the head
    private long bodyLeft;
    private boolean keepBody;
    private StringBuilder body;

    ResponseReader(Listener listener) {
        this.listener = listener;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (status < 0 && !readHead(ctx, in)) {
                return;
            }
            int skip = (int) Math.min(bodyLeft, in.readableBytes());
            if (keepBody && body.length() < 300) {
                body.append(in.toString(in.readerIndex(), Math.min(skip, 300), StandardCharsets.UTF_8));
            }
            in.skipBytes(skip);
            bodyLeft -= skip;
            if (bodyLeft > 0) {
                return;
            }
            int done = status;
            String sample = keepBody ? body.toString() : null;
            status = -1;
            keepBody = false;
            body = null;
            listener.response(ctx.channel(), done, sample);
        }
    }

    /** Parses the status line and headers once all of them have arrived; false while they have not. */
    private boolean readHead(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int line = start;
        long length = 0;
        int code = -1;
        while (true) {
            int lf = in.forEachByte(line, end - line, ByteProcessor.FIND_LF);
            if (lf < 0) {
                if (end - start > MAX_HEAD) {
                    throw new IllegalStateException("response head longer than " + MAX_HEAD + " bytes");
                }
                return false;
            }
            int len = lf - line - (lf > line && in.getByte(lf - 1) == '\r' ? 1 : 0);
            if (code < 0) {
                if (len < 12 || in.getByte(line) != 'H') {
                    throw new IllegalStateException("not an HTTP response: "
                            + in.toString(line, Math.max(0, Math.min(len, 60)), StandardCharsets.ISO_8859_1));
                }
                code = (in.getByte(line + 9) - '0') * 100 + (in.getByte(line + 10) - '0') * 10
                        + (in.getByte(line + 11) - '0');
            } else if (len == 0) {
                in.readerIndex(lf + 1);
                status = code;
                bodyLeft = code == 204 || code == 304 || code < 200 ? 0 : length;
                keepBody = code >= 300 && listener.wantsErrorBody();
                body = keepBody ? new StringBuilder() : null;
                return true;
            } else if (startsWith(in, line, len, "content-length:")) {
                length = 0;
                for (int i = line + 15; i < line + len; i++) {
                    byte b = in.getByte(i);
                    if (b >= '0' && b <= '9') {
                        length = length * 10 + (b - '0');
                    }
                }
            } else if (startsWith(in, line, len, "transfer-encoding:")) {
                throw new IllegalStateException("chunked responses are not supported by the load generator");
            }
            line = lf + 1;
        }
    }

    private static boolean startsWith(ByteBuf in, int at, int len, String lowerCase) {
        if (len < lowerCase.length()) {
            return false;
        }
        for (int i = 0; i < lowerCase.length(); i++) {
            int b = in.getByte(at + i);
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        listener.closed(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        listener.failed(ctx.channel(), cause);
    }
}
