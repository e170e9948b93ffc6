package io.adplatform.bidder.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The exchange-facing HTTP/1.1 server: bare Netty (epoll when available), keep-alive, no servlet stack between the
 * socket and the bid path. Starts after the rest of the application, stops first (in-flight requests finish).
 */
public final class BidServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BidServer.class);

    private final ServerProperties properties;
    private final ExchangeHandler handler;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel channel;
    private volatile boolean running;

    public BidServer(ServerProperties properties, ExchangeHandler handler) {
        this.properties = properties;
        this.handler = handler;
    }

    @Override
    public void start() {
        boolean epoll = Epoll.isAvailable();
        var factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        boss = new MultiThreadIoEventLoopGroup(1, factory);
        workers = new MultiThreadIoEventLoopGroup(properties.workerThreads(), factory);
        int maxBody = (int) properties.maxRequestSize().toBytes();
        ServerBootstrap b = new ServerBootstrap().group(boss, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                new HttpObjectAggregator(maxBody), handler);
                    }
                });
        try {
            channel = b.bind(properties.port()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the bid port", e);
        }
        running = true;
        log.info("bid server listening on port {} ({})", port(), epoll ? "epoll" : "nio");
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void stop() {
        running = false;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 5, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            boss.shutdownGracefully(0, 5, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100; // last up, first down
    }
}
