package io.jwtguard;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;


/**
 * Lettuce against Jedis for what the revocation store sends: a {@code GET} (the sync's version read) and the
 * refresh grant's atomic use ({@code EVAL}), on a real {@code redis-server} on loopback started here; each client
 * with what it shares between threads (Lettuce one connection, Jedis 8 its RedisClient, pooled). Run with {@code -t 1} and {@code -t 4}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class RedisClientBenchmark {

    private static final String USE = "local v = redis.call('GET', KEYS[1]) if not v then return false end return v";

    @State(Scope.Benchmark)
    public static class Clients {
        BenchRedis server;
        RedisClient lettuceClient;
        StatefulRedisConnection<String, String> lettuceConnection;
        RedisCommands<String, String> lettuce;
        redis.clients.jedis.RedisClient jedis;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            server = BenchRedis.start();
            int port = server.port();
            lettuceClient = RedisClient.create("redis://127.0.0.1:" + port);
            lettuceConnection = lettuceClient.connect();
            lettuce = lettuceConnection.sync();
            jedis = redis.clients.jedis.RedisClient.create("127.0.0.1", port);
            lettuce.set("jwtguard:bench", "0|1|family|bench-user|User|0|0");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            lettuceConnection.close();
            lettuceClient.shutdown();
            jedis.close();
            server.close();
        }
    }

    @Benchmark
    public String lettuceGet(Clients clients) {
        return clients.lettuce.get("jwtguard:bench");
    }

    @Benchmark
    public String jedisGet(Clients clients) {
        return clients.jedis.get("jwtguard:bench");
    }

    @Benchmark
    public Object lettuceEval(Clients clients) {
        return clients.lettuce.eval(USE, ScriptOutputType.VALUE, "jwtguard:bench");
    }

    @Benchmark
    public Object jedisEval(Clients clients) {
        return clients.jedis.eval(USE, 1, "jwtguard:bench");
    }
}
