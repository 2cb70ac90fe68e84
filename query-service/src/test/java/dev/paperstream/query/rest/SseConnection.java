package dev.paperstream.query.rest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Server-Sent Events reader over a plain socket with a 4 KiB receive buffer, so that a test decides exactly when
 * bytes are taken off the connection: a reader that does not call {@link #next} is a reader that has fallen behind
 * (an HTTP client library would keep reading into its own buffers).
 */
final class SseConnection implements AutoCloseable {

    /** One event: its name ({@code message} when unnamed) and data. */
    record Event(String name, String data) {
    }

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers = new HashMap<>();
    private final boolean chunked;
    private long chunkLeft;
    private boolean inChunks;

    private SseConnection(Socket socket, String request) throws IOException {
        this.socket = socket;
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        this.in = new BufferedInputStream(socket.getInputStream(), 1024);
        socket.setSoTimeout(10_000);
        String statusLine = rawLine();
        this.status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String line = rawLine(); !line.isEmpty(); line = rawLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        this.chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
    }

    /** Sends {@code GET <stream path><query>} and reads the status line and headers. */
    static SseConnection open(URI stream, String query) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(stream.getHost(), stream.getPort()), 5_000);
        return new SseConnection(socket, "GET " + stream.getRawPath() + query + " HTTP/1.1\r\nHost: " + stream.getHost()
                + ":" + stream.getPort() + "\r\nAccept: text/event-stream\r\n\r\n");
    }

    int status() {
        return status;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The whole body of a response that is not a stream (an error). */
    String body() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else {
            for (int b = bodyByte(); b >= 0; b = bodyByte()) {
                body.write(b);
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    /** The next event, skipping comments; null when none arrives within the timeout. */
    Event next(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        String name = null;
        StringBuilder data = null;
        try {
            while (true) {
                String line = bodyLine();
                if (line == null) {
                    return null;
                }
                if (line.isEmpty()) {
                    if (name != null || data != null) {
                        return new Event(name == null ? "message" : name, data == null ? "" : data.toString());
                    }
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).strip());
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String bodyLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = bodyByte(); b != '\n'; b = bodyByte()) {
            if (b < 0) {
                return null;
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).replaceAll("\r$", "");
    }

    /** One byte of the body, chunked transfer coding undone; -1 at its end. */
    private int bodyByte() throws IOException {
        if (!chunked) {
            return in.read();
        }
        if (chunkLeft == 0) {
            if (inChunks) {
                rawLine(); // the CRLF after a chunk's data
            }
            String size = rawLine();
            int extension = size.indexOf(';');
            chunkLeft = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
            inChunks = true;
            if (chunkLeft == 0) {
                return -1;
            }
        }
        chunkLeft--;
        return in.read();
    }

    private String rawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of a line");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).replaceAll("\r$", "");
    }
}
