package dev.confab.bench.peer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;

/**
 * The Netty peer server: {@code java -cp confab-bench.jar dev.confab.bench.peer.NettyPeer --port P [--bind H]
 * [--threads N] [--backlog B]}. NIO transport (the same syscalls Confab's Java-WebSocket uses), TCP_NODELAY on,
 * no compression, no storage.
 */
public final class NettyPeer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel server;

    private NettyPeer(EventLoopGroup boss, EventLoopGroup workers, Channel server) {
        this.boss = boss;
        this.workers = workers;
        this.server = server;
    }

    /** Starts listening on {@code bind:port} (0 picks a free port) with {@code threads} event loops. */
    public static NettyPeer start(String bind, int port, int threads, int backlog) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        PeerRooms rooms = new PeerRooms();
        WebSocketServerProtocolConfig wsConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/ws")
                .checkStartsWith(true)
                .maxFramePayloadLength(64 * 1024)
                .allowExtensions(false)
                .build();
        try {
            Channel server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, backlog)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                    new WebSocketServerProtocolHandler(wsConfig), new PeerChatHandler(rooms));
                        }
                    })
                    .bind(bind, port).sync().channel();
            return new NettyPeer(boss, workers, server);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw e;
        }
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        boss.shutdownGracefully();
        workers.shutdownGracefully();
    }

    /** Starts the peer and blocks until the process is killed. */
    public static void main(String[] args) throws InterruptedException {
        int port = 7490;
        String bind = "127.0.0.1";
        int threads = Runtime.getRuntime().availableProcessors();
        int backlog = 1024;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--bind" -> bind = args[i + 1];
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--backlog" -> backlog = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        NettyPeer peer = start(bind, port, threads, backlog);
        System.out.println("Netty peer listening on ws://" + bind + ":" + peer.port() + "/ws");
        System.out.flush();
        peer.server.closeFuture().sync();
    }
}
