package io.asyncio4j.bench.peers.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * W4 tcp-echo on Netty 4.2: Netty's own EchoServer example on one NIO event loop, which both
 * accepts and serves the connections (as one asyncio4j loop does).
 *
 * <p>Usage: {@code TcpEcho serve [port=0]}. Listens on 127.0.0.1 (port 0: any free one), prints
 * {@code READY port=<n>} and serves until its standard input closes; the harness runs the load
 * generator ({@code peers/c/w4_loadgen.c}) and measures this process's CPU time.
 */
public final class TcpEcho {
    private TcpEcho() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !args[0].equals("serve")) {
            throw new IllegalArgumentException("usage: TcpEcho serve [port]");
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new EchoHandler());
                        }
                    })
                    .bind("127.0.0.1", port)
                    .sync()
                    .channel();
            System.out.println("READY port=" + ((InetSocketAddress) server.localAddress()).getPort());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Netty's EchoServerHandler: writes back what it reads, flushes once per batch of reads. One
     * instance per connection, so it needs no {@code @Sharable}.
     */
    static final class EchoHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // the load generator closes its sockets with echoes unread: a reset
            ctx.close();
        }
    }
}
