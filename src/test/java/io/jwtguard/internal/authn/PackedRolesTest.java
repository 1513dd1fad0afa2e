package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackedRolesTest {

    @Test
    void holdsEachRoleOnceAndNothingElse() {
        PackedRoles roles = PackedRoles.of(List.of("User", "Admin", "User", "/org/a", "/org/ab", "Ärzte", ""));

        assertThat(roles).hasSize(6).containsExactlyInAnyOrder("User", "Admin", "/org/a", "/org/ab", "Ärzte", "");
        assertThat(roles.contains("/org/a")).isTrue();
        assertThat(roles.contains("")).isTrue();
        for (String absent : List.of("user", "/org", "/org/abc", "Admi", "Adminx", "Zed", " ")) {
            assertThat(roles.contains(absent)).as(absent).isFalse();
        }
        assertThat(roles.contains(42)).isFalse();
        assertThat(roles.contains(null)).isFalse();
    }

    @Test
    void equalsAnyOtherSetOfTheSameRoles() {
        Set<String> plain = Set.of("b", "a", "c");

        assertThat(PackedRoles.of(plain)).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(PackedRoles.of(List.of())).isEmpty();
    }

    @Test
    void aLargeGroupsClaimIsFoundByBinarySearch() {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 190; i++) {
            groups.add("/org/department-" + i + "/team-" + (i * 7));
        }
        PackedRoles roles = PackedRoles.of(groups);

        assertThat(groups).allSatisfy(group -> assertThat(roles.contains(group)).as(group).isTrue());
        assertThat(roles.contains("/org/department-190/team-1330")).isFalse();
        assertThat(PackedRoles.copyOf(roles)).isSameAs(roles);
    }

    @Test
    void rolesFromOneListClaimPointIntoThatClaimsPackedList() {
        Map<String, Object> claims = PackedStrings.compactClaims(Map.of("realm_access",
                Map.of("roles", List.of("b", "a", "", "b")), "sub", "alice"));
        PackedStrings list = (PackedStrings) ((Map<?, ?>) claims.get("realm_access")).get("roles");

        PackedRoles shared = PackedRoles.sharing(Set.of("a", "b"), claims, List.of("realm_access.roles"));
        PackedRoles alone = PackedRoles.sharing(Set.of("a", "b", "c"), claims, List.of("realm_access.roles"));

        assertThat(list).containsExactly("b", "a", "", "b");
        assertThat(shared).containsExactly("a", "b");
        assertThat(shared.contains("")).isFalse();
        assertThat(alone).containsExactly("a", "b", "c");
        assertThat(PackedRoles.sharing(Set.of("x"), claims, List.of("sub"))).containsExactly("x");
    }
}
