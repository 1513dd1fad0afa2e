package io.jwtguard.internal.authn;

import io.jwtguard.internal.config.JwksSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches key sets and discovery documents the way an identity provider deserves to be fetched: bounded
 * connect and read times (a watchdog closes a body that drips), a bounded size, JSON only, https only (http
 * to loopback), and redirects followed only within the same origin. Thread-safe.
 */
final class JwksClient {

    private static final int MAX_REDIRECTS = 3;
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,10})\"?");

    /** A fetched document and how long its server says it may be cached. */
    record Fetched(byte[] body, Optional<Duration> maxAge, boolean noStore) {
    }

    private final JwksSettings settings;
    private final HttpClient http;
    private final ScheduledExecutorService watchdog;

    JwksClient(JwksSettings settings, ScheduledExecutorService watchdog) {
        this.settings = settings;
        this.watchdog = watchdog;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(watchdog)
                .build();
    }

    Fetched get(URI uri) throws KeyFetchException {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            if (!JwksSettings.allowed(current)) {
                throw new KeyFetchException(current + " is not https (plain http only to loopback)");
            }
            HttpRequest request = HttpRequest.newBuilder(current)
                    .timeout(settings.readTimeout())
                    .header("Accept", "application/jwk-set+json, application/json")
                    .GET().build();
            HttpResponse<InputStream> response = send(request);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                close(response.body());
                URI next = current.resolve(response.headers().firstValue("Location").get());
                if (!sameOrigin(current, next)) {
                    throw new KeyFetchException(current + " redirects to another origin; not followed");
                }
                if (redirects >= MAX_REDIRECTS) {
                    throw new KeyFetchException(uri + " redirects more than " + MAX_REDIRECTS + " times");
                }
                current = next;
                continue;
            }
            if (status != 200) {
                close(response.body());
                throw new KeyFetchException(current + " answered HTTP " + status);
            }
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (!type.contains("json")) {
                close(response.body());
                throw new KeyFetchException(current + " answered '" + type.replaceAll("[^a-z0-9/+.;=-]", "")
                        + "', not JSON");
            }
            byte[] body = read(response.body(), current);
            String cacheControl = response.headers().firstValue("Cache-Control").orElse("").toLowerCase(Locale.ROOT);
            Matcher maxAge = MAX_AGE.matcher(cacheControl);
            return new Fetched(body, maxAge.find() ? Optional.of(Duration.ofSeconds(Long.parseLong(maxAge.group(1))))
                    : Optional.empty(), cacheControl.contains("no-store") || cacheControl.contains("no-cache"));
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws KeyFetchException {
        try {
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get(settings.connectTimeout().plus(settings.readTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new KeyFetchException(request.uri() + " did not answer within "
                    + settings.connectTimeout().plus(settings.readTimeout()).toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new KeyFetchException(request.uri() + " cannot be reached ("
                    + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyFetchException("interrupted while fetching " + request.uri());
        }
    }

    /** Reads at most {@code maxBytes}; a body still arriving at the read deadline is cut off. */
    private byte[] read(InputStream body, URI uri) throws KeyFetchException {
        ScheduledFuture<?> deadline = watchdog.schedule(() -> close(body), settings.readTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try (body) {
            byte[] bytes = body.readNBytes(settings.maxBytes() + 1);
            if (bytes.length > settings.maxBytes()) {
                throw new KeyFetchException(uri + " sent more than " + settings.maxBytes() + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new KeyFetchException(uri + " did not finish its answer within "
                    + settings.readTimeout().toMillis() + " ms");
        } finally {
            deadline.cancel(false);
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
                && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost())) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // nothing more to do with a body we are abandoning
        }
    }
}
