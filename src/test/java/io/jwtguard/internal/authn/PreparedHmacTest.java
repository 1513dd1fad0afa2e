package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PreparedHmacTest {

    private static final byte[] SECRET = "prepared-hmac-test-secret-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Threads that overlap share the pooled Macs: each MAC is still the one a Mac of its own computes. */
    @Test
    void macsTakenByThreadsAtOnceStayTheirs() throws Exception {
        PreparedHmac hmac = new PreparedHmac("HS256", "HmacSHA256", SECRET);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                Callable<Integer> signing = () -> {
                    Mac own = Mac.getInstance("HmacSHA256");
                    own.init(new SecretKeySpec(SECRET, "HmacSHA256"));
                    int mismatches = 0;
                    for (int i = 0; i < 2_000; i++) {
                        byte[] header = ("h" + thread).getBytes(StandardCharsets.US_ASCII);
                        byte[] payload = ("p" + i).getBytes(StandardCharsets.US_ASCII);
                        own.update(header);
                        own.update((byte) '.');
                        if (!java.util.Arrays.equals(own.doFinal(payload), hmac.sign(header, payload))) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                };
                wrong.add(threads.submit(signing));
            }
            for (Future<Integer> mismatches : wrong) {
                assertThat(mismatches.get()).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
