package dev.paperstream.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a real server, for outage tests: {@link #cut()} drops every connection and refuses
 * new ones, as a crashed server would, without touching the shared server itself; {@link #restore()} listens
 * again on the same port. Suits clients that connect only to the address they are given (JDBC,
 * Elasticsearch); Kafka's clients follow the broker's advertised address, so a Kafka proxy needs a listener
 * advertised on the proxy's port ({@link #start(String, int)}).
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile int port;

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Starts a proxy on a free loopback port forwarding to {@code target} ({@code host:port}). */
    public static TcpProxy start(String target) throws IOException {
        return to(target).listen(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /**
     * Starts a proxy on the given loopback port, for a server that tells its clients this port (a Kafka listener
     * advertised on it), so that they too are cut off.
     */
    public static TcpProxy start(String target, int port) throws IOException {
        return to(target).listen(bind(port));
    }

    private static TcpProxy to(String target) {
        int colon = target.lastIndexOf(':');
        return new TcpProxy(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return socket;
    }

    /** The address clients should use: {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return port;
    }

    /** Drops every open connection and stops listening: clients see the server as down. */
    public synchronized void cut() throws IOException {
        if (server != null) {
            server.close();
            server = null;
            open.forEach(TcpProxy::closeQuietly);
            open.clear();
        }
    }

    /** Listens again on the same port. */
    public synchronized void restore() throws IOException {
        if (server == null) {
            listen(bind(port));
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private TcpProxy listen(ServerSocket socket) {
        server = socket;
        port = socket.getLocalPort();
        Thread acceptor = new Thread(() -> acceptLoop(socket), "tcp-proxy-accept-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException closedOrRefused) {
                // the listening socket was closed by cut(), or the target refused: the client sees a reset
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException closed) {
                // one side went away; close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
