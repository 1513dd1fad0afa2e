package io.jwtguard.internal.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.testing.FakeRequest;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReadBodyRequestTest {

    private static final byte[] BODY = "{\"method\":\"tools/call\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theServletReadsTheSameBytesAgain() throws IOException {
        ReadBodyRequest request = new ReadBodyRequest(FakeRequest.of("POST", "/mcp"), BODY);
        assertThat(request.getInputStream().readAllBytes()).isEqualTo(BODY);
        assertThat(request.getContentLength()).isEqualTo(BODY.length);
        assertThat(request.getInputStream().isFinished()).isTrue();
        assertThatThrownBy(request::getReader).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNonBlockingReaderGetsEveryByteAndTheEnd() throws IOException {
        ServletInputStream in = new ReadBodyRequest(FakeRequest.of("POST", "/mcp"), BODY).getInputStream();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        boolean[] ended = new boolean[1];
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                byte[] buffer = new byte[4];
                while (in.isReady() && !in.isFinished()) {
                    int n = in.read(buffer);
                    read.write(buffer, 0, n);
                }
            }

            @Override
            public void onAllDataRead() {
                ended[0] = true;
            }

            @Override
            public void onError(Throwable t) {
                throw new AssertionError(t);
            }
        });
        assertThat(read.toByteArray()).isEqualTo(BODY);
        assertThat(ended[0]).isTrue();
    }

    @Test
    void aReaderDecodesWithTheRequestsCharset() throws IOException {
        HttpServletRequestWrapper utf8 = new HttpServletRequestWrapper(FakeRequest.of("POST", "/mcp")) {
            @Override
            public String getCharacterEncoding() {
                return "UTF-8";
            }
        };
        ReadBodyRequest request = new ReadBodyRequest(utf8, BODY);
        assertThat(request.getReader().readLine()).isEqualTo("{\"method\":\"tools/call\"}");
    }
}
