package io.jwtguard.internal.redis;

import io.jwtguard.internal.config.RevocationSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Redis store's two connections, commands and the revocations' channel, through one small Lettuce client.
 * Every command is bounded by {@code jwtguard.revocation.redis.timeout} and fails at once while disconnected
 * (Lettuce's {@code REJECT_COMMANDS}), so no thread waits on a dead Redis; Lettuce reconnects, and resubscribes, by
 * itself. Thread-safe: connecting and closing hold this object's lock; commands read the connection through a
 * volatile field.
 */
final class RedisConnections {

    private final RevocationSettings settings;
    private final String channel;
    private final Consumer<String> onMessage;

    /** Guarded by this. */
    private DefaultClientResources resources;
    /** Guarded by this. */
    private RedisClient client;
    /** Guarded by this. */
    private StatefulRedisPubSubConnection<String, String> subscription;
    private volatile StatefulRedisConnection<String, String> connection;

    /** @param onMessage hears each message on {@code channel} */
    RedisConnections(RevocationSettings settings, String channel, Consumer<String> onMessage) {
        this.settings = settings;
        this.channel = channel;
        this.onMessage = onMessage;
    }

    /** Connects (again, after a failed first attempt); once connected, Lettuce keeps the connections up. */
    synchronized void start() throws IOException {
        if (connection != null) {
            return;
        }
        try {
            if (client == null) {
                RedisURI uri = RedisURI.create(settings.redisUrl());
                uri.setTimeout(settings.redisTimeout());
                if (!settings.redisPassword().isEmpty()) {
                    uri = RedisURI.builder(uri).withPassword(settings.redisPassword().toCharArray()).build();
                }
                // Few threads (this is one small client per application), and reconnect attempts capped near the
                // sync interval, so the replica is current again soon after Redis returns.
                resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1)
                        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), max(settings.syncInterval(),
                                Duration.ofSeconds(1)), 2, TimeUnit.MILLISECONDS))
                        .build();
                client = RedisClient.create(resources, uri);
                client.setOptions(ClientOptions.builder()
                        .autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .socketOptions(SocketOptions.builder().connectTimeout(settings.redisTimeout()).build())
                        .timeoutOptions(TimeoutOptions.enabled(settings.redisTimeout()))
                        .build());
            }
            if (subscription == null) {
                subscription = subscribed(client.connectPubSub());
            }
            connection = client.connect();
        } catch (RuntimeException e) {
            throw new IOException("Redis at " + settings.redisUrl() + " cannot be reached: " + e.getMessage());
        }
    }

    /** Listens on the channel; a connection that cannot subscribe is closed, and the next start tries again. */
    private StatefulRedisPubSubConnection<String, String> subscribed(StatefulRedisPubSubConnection<String, String> pubSub) {
        try {
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    if (channel.equals(from)) {
                        onMessage.accept(message);
                    }
                }
            });
            pubSub.sync().subscribe(channel);
            return pubSub;
        } catch (RuntimeException e) {
            pubSub.close();
            throw e;
        }
    }

    /** @throws IOException before the first successful {@link #start()} */
    RedisCommands<String, String> commands() throws IOException {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            throw new IOException("Redis at " + settings.redisUrl() + " is not connected yet");
        }
        return current.sync();
    }

    synchronized void close() {
        if (subscription != null) {
            subscription.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown();
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
