package io.jwtguard.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code jwtguard.trusted-proxies}: literal addresses and CIDR ranges only, IPv4 and IPv6. */
class TrustedProxiesTest {

    @Test
    void rangesMatchByPrefixAcrossBothFamiliesAndMappedAddresses() {
        List<String> problems = new ArrayList<>();
        TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "192.168.1.10", "fd00::/8", "::1",
                "172.16.0.0/12"), problems::add);
        assertThat(problems).isEmpty();
        assertThat(proxies.trusts("10.255.1.2")).isTrue();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
        assertThat(proxies.trusts("192.168.1.10")).isTrue();
        assertThat(proxies.trusts("192.168.1.11")).isFalse();
        assertThat(proxies.trusts("172.31.255.255")).isTrue();
        assertThat(proxies.trusts("172.32.0.0")).isFalse();
        assertThat(proxies.trusts("fd12:3456::1")).isTrue();
        assertThat(proxies.trusts("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(proxies.trusts("[::1]")).isTrue();
        assertThat(proxies.trusts("::ffff:10.1.2.3")).as("an IPv4-mapped address").isTrue();
        assertThat(proxies.trusts("fe80::1")).isFalse();
        assertThat(proxies.trusts("localhost")).as("never a lookup").isFalse();
        assertThat(proxies.trusts(null)).isFalse();
        assertThat(TrustedProxies.NONE.trusts("10.0.0.1")).isFalse();
    }

    @Test
    void hostNamesBadPrefixesAndGarbageAreProblems() {
        List<String> problems = new ArrayList<>();
        TrustedProxies.parse(List.of("proxy.internal", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "300.1.1.1"),
                problems::add);
        assertThat(problems).hasSize(5).allMatch(problem -> problem.contains("is no IP address or CIDR range"));
    }
}
