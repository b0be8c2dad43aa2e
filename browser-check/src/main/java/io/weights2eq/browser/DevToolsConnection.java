package io.weights2eq.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The Chrome DevTools protocol over one {@link java.net.http.WebSocket} (JDK only): commands with ids and their
 * answers, events to a handler. Sessions of attached targets share the socket ("flatten" mode) and are told apart
 * by {@code sessionId}.
 */
public final class DevToolsConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event: its method, params and the session it came from (null for the browser). */
    public record Event(String method, JsonNode params, String sessionId) {}

    /** The protocol answered a command with an error. */
    public static final class CommandException extends IOException {
        CommandException(String message) {
            super(message);
        }
    }

    private final WebSocket socket;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Duration commandTimeout;

    private DevToolsConnection(WebSocket socket, Duration commandTimeout) {
        this.socket = socket;
        this.commandTimeout = commandTimeout;
    }

    public static DevToolsConnection open(URI uri, Duration commandTimeout, Consumer<Event> events) throws IOException {
        Receiver receiver = new Receiver(events);
        try {
            WebSocket socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .connectTimeout(commandTimeout)
                    .buildAsync(uri, receiver)
                    .get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            DevToolsConnection connection = new DevToolsConnection(socket, commandTimeout);
            receiver.connection = connection;
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + uri, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot connect to the DevTools endpoint " + uri + ": " + e, e);
        }
    }

    /** Sends a command (to {@code sessionId}, or the browser when null) and waits for its result. */
    public JsonNode send(String method, Map<String, ?> params, String sessionId) throws IOException {
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (socket) { // one text message at a time on a WebSocket
                socket.sendText(message.toString(), true).get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return answer.get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during " + method, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(method + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException(method + ": no answer within " + commandTimeout.toSeconds() + " s");
        } finally {
            pending.remove(id);
        }
    }

    private void received(JsonNode message, Consumer<Event> events) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asLong());
            if (answer == null) {
                return;
            }
            if (message.has("error")) {
                answer.completeExceptionally(new CommandException(
                        message.get("error").path("message").asText()));
            } else {
                answer.complete(message.path("result"));
            }
        } else if (message.has("method")) {
            events.accept(new Event(
                    message.get("method").asText(),
                    message.path("params"),
                    message.hasNonNull("sessionId") ? message.get("sessionId").asText() : null));
        }
    }

    private void closed(String why) {
        pending.values().forEach(f -> f.completeExceptionally(new IOException("DevTools connection closed: " + why)));
    }

    /** Assembles the text frames of one message (a screenshot comes in many) and hands it on. */
    private static final class Receiver implements WebSocket.Listener {
        private final Consumer<Event> events;
        private final StringBuilder text = new StringBuilder();
        private volatile DevToolsConnection connection;

        Receiver(Consumer<Event> events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                DevToolsConnection c = connection;
                if (c != null) {
                    try {
                        c.received(JSON.readTree(message), events);
                    } catch (IOException e) {
                        // not JSON: not the protocol; ignored
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            DevToolsConnection c = connection;
            if (c != null) {
                c.closed(statusCode + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            DevToolsConnection c = connection;
            if (c != null) {
                c.closed(error.toString());
            }
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")
                .orTimeout(2, TimeUnit.SECONDS)
                .exceptionally(e -> null);
        socket.abort();
    }
}
