package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.JwtPrincipal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyRolesTest {

    @Test
    void readsTheRolesOnFirstUseOnlyAndOnce() {
        AtomicInteger reads = new AtomicInteger();
        LazyRoles roles = new LazyRoles(() -> {
            reads.incrementAndGet();
            return Set.of("User", "Admin");
        });
        JwtPrincipal principal = new JwtPrincipal("alice", roles, Map.of());

        assertThat(reads).hasValue(0);
        assertThat(principal.getRoles().contains("Admin")).isTrue();
        assertThat(principal.getRoles()).isEqualTo(Set.of("Admin", "User")).hasSameHashCodeAs(Set.of("Admin", "User"));
        assertThat(principal.getRoles().contains("user")).isFalse();
        assertThat(reads).hasValue(1);
    }

    @Test
    void rolesThatCannotBeReadAreNoRolesNeverAnException() {
        LazyRoles roles = new LazyRoles(() -> {
            throw new IllegalStateException("a claim no parser expected");
        });
        JwtPrincipal principal = new JwtPrincipal("alice", roles, Map.of());

        assertThat(principal.getRoles().contains("Admin")).isFalse();
        assertThat(principal.getRoles()).isEmpty();
    }

    @Test
    void isACopyThatCannotBeChanged() {
        Set<String> source = new LinkedHashSet<>(Set.of("User"));
        LazyRoles roles = new LazyRoles(() -> source);

        assertThat(roles).containsExactly("User");
        source.add("Admin");

        assertThat(roles).containsExactly("User");
        assertThatThrownBy(() -> roles.add("Admin")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> roles.iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
    }
}
