package io.jwtguard.internal.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.JwtPrincipal;
import io.jwtguard.Reason;
import io.jwtguard.Revocations.Outcome;
import io.jwtguard.RevocationStore;
import io.jwtguard.TokenIssuer.RefreshRefused;
import io.jwtguard.TokenIssuer.TokenPair;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.authn.TokenSigner;
import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.testing.MutableClock;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Revocation as a request sees it, on the real pipeline pieces (tokens signed and verified with java-jwt, the
 * verified-token cache on): what is refused with {@code token_revoked}, for how long, and what a store outage does.
 */
class RevocationServiceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00.250Z"));
    private RevocationService service;
    /** The parts of the last service built here, for what a test counts. */
    private Replica replica;
    private Subjects subjects;
    private RevocationStore opened;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private Settings settings(Map<String, String> changes) {
        Map<String, String> values = new HashMap<>(Map.of("jwtguard.token-issuer.publish", "true"));
        values.putAll(changes);
        return TestSettings.hmacWith(values);
    }

    /** A service wired as {@code forSettings} wires it, keeping its replica, books and store for the test. */
    private RevocationService build(Settings settings, Clock clock, Supplier<RevocationStore> opener) {
        replica = new Replica(clock);
        subjects = new Subjects(clock);
        return new RevocationService(settings, clock, replica, subjects, () -> opened = opener.get());
    }

    /** Opened by class name from the settings, as at start-up. */
    private RevocationService fromSettings(Settings settings) {
        Problems problems = new Problems();
        StoreLoader.check(settings.revocation(), getClass().getClassLoader(), problems);
        try {
            problems.throwIfAny();
        } catch (InvalidSettingsException e) {
            throw new AssertionError(e);
        }
        return build(settings, clock, () -> StoreLoader.open(settings.revocation(), clock, getClass().getClassLoader()));
    }

    /** With {@code store} as the shared store the settings name. */
    private RevocationService withStore(Settings settings, Clock clock, RevocationStore store) {
        return build(settings, clock, () -> store);
    }

    private RevocationService memory(Settings settings) {
        service = fromSettings(settings);
        service.start();
        return service;
    }

    private AuthenticationResult request(Authenticator authenticator, String token) {
        return service.check(authenticator.validate(token));
    }

    private static String token(Instant issuedAt, String jti, String sid) {
        var builder = Tokens.valid(issuedAt);
        if (jti != null) {
            builder.withJWTId(jti);
        }
        if (sid != null) {
            builder.withClaim("sid", sid);
        }
        return builder.sign(Tokens.hs256());
    }

    private static String reason(AuthenticationResult result) {
        return result.kind() == AuthenticationResult.Kind.AUTHENTICATED ? "authenticated" : result.failure().reason().code();
    }

    @Test
    void aStoreClassThatCannotBeUsedIsAStartUpProblem() {
        Problems missing = new Problems();
        RevocationService.forSettings(settings(Map.of("jwtguard.revocation.store", "com.example.NoSuchStore")), clock,
                getClass().getClassLoader(), missing);
        Problems notAStore = new Problems();
        RevocationService.forSettings(settings(Map.of("jwtguard.revocation.store", String.class.getName())), clock,
                getClass().getClassLoader(), notAStore);

        assertThatThrownBy(missing::throwIfAny).hasMessageContaining("class com.example.NoSuchStore is not on the"
                + " application's class path");
        assertThatThrownBy(notAStore::throwIfAny).hasMessageContaining("java.lang.String does not implement"
                + " io.jwtguard.RevocationStore");
    }

    @Test
    void aRevokedTokenIsRefusedEvenFromTheCacheWhileOtherTokensOfTheCallerPass() {
        Settings settings = settings(Map.of());
        memory(settings);
        Authenticator authenticator = new Authenticator(settings, clock);
        String revoked = token(clock.instant(), "jti-1", null);
        String other = token(clock.instant(), "jti-2", null);
        AuthenticationResult first = request(authenticator, revoked);
        assertThat(reason(first)).isEqualTo("authenticated");

        assertThat(service.revoke(first.principal())).isEqualTo(Outcome.SHARED);
        // The memory store is this instance's alone: a logout answer must not say the sign-out is shared.
        assertThat(service.sharedWithOtherInstances()).isFalse();

        AuthenticationResult again = request(authenticator, revoked);
        assertThat(again.failure().reason()).isEqualTo(Reason.TOKEN_REVOKED);
        assertThat(again.failure().description()).isEqualTo("the token was revoked (signed out)");
        assertThat(reason(request(authenticator, other))).isEqualTo("authenticated");
    }

    @Test
    void revokingATokenWithASessionRevokesEveryTokenOfThatSession() {
        Settings settings = settings(Map.of());
        memory(settings);
        Authenticator authenticator = new Authenticator(settings, clock);
        AuthenticationResult one = request(authenticator, token(clock.instant(), "a", "session-1"));

        service.revoke(one.principal());

        AuthenticationResult sameSession = request(authenticator, token(clock.instant(), "b", "session-1"));
        assertThat(sameSession.failure().description()).isEqualTo("the token's session was signed out");
        assertThat(reason(request(authenticator, token(clock.instant(), "c", "session-2")))).isEqualTo("authenticated");
    }

    @Test
    void aTokenWithNeitherJtiNorSidCannotBeRevokedAloneButItsSubjectCanSignOutEverywhere() {
        Settings settings = settings(Map.of());
        memory(settings);
        Authenticator authenticator = new Authenticator(settings, clock);
        JwtPrincipal caller = request(authenticator, token(clock.instant(), null, null)).principal();

        assertThatThrownBy(() -> service.revoke(caller)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither a jti nor a sid");
        assertThat(service.signOutEverywhere(caller)).isEqualTo(Outcome.SHARED);
        assertThat(reason(request(authenticator, token(clock.instant(), null, null)))).isEqualTo("token_revoked");
    }

    @Test
    void signingOutEverywhereRefusesTokensIssuedUpToThatSecondAndThoseWithoutIatButNotLaterOnes() {
        Settings settings = settings(Map.of());
        memory(settings);
        Authenticator authenticator = new Authenticator(settings, clock);
        Instant before = clock.instant().minusSeconds(30);
        JwtPrincipal caller = request(authenticator, token(before, "x", null)).principal();
        String sameSecond = token(clock.instant(), "y", null);
        String withoutIat = com.auth0.jwt.JWT.create().withIssuer(Tokens.ISSUER).withAudience(Tokens.AUDIENCE)
                .withSubject("alice").withExpiresAt(clock.instant().plusSeconds(600)).withJWTId("z").sign(Tokens.hs256());

        service.signOutEverywhere(caller);

        assertThat(reason(request(authenticator, token(before, "w", null)))).isEqualTo("token_revoked");
        assertThat(request(authenticator, sameSecond).failure().description())
                .isEqualTo("the caller signed out everywhere after this token was issued");
        assertThat(reason(request(authenticator, withoutIat))).isEqualTo("token_revoked");
        clock.advance(Duration.ofSeconds(2));
        assertThat(reason(request(authenticator, token(clock.instant(), "v", null)))).isEqualTo("authenticated");
        String otherSubject = Tokens.valid(before).withSubject("bob").withJWTId("u").sign(Tokens.hs256());
        assertThat(reason(request(authenticator, otherSubject))).isEqualTo("authenticated");
    }

    @Test
    void aTokenRevocationIsKeptUntilTheTokenHasExpiredAndNoLonger() {
        Settings settings = settings(Map.of("jwtguard.token.cache.size", "0"));
        memory(settings);
        Authenticator authenticator = new Authenticator(settings, clock);
        String token = token(clock.instant(), "short", null);
        service.revoke(request(authenticator, token).principal());

        clock.advance(Duration.ofHours(1).plus(settings.clockSkew()).minusSeconds(1));
        replica.purge();
        assertThat(replica.size()).isEqualTo(1);
        assertThat(reason(request(authenticator, token))).isEqualTo("token_revoked");

        clock.advance(Duration.ofSeconds(2));
        replica.purge();
        assertThat(replica.size()).isZero();
        assertThat(reason(request(authenticator, token))).isEqualTo("token_expired");
    }

    @Nested
    class SignOutEverywhereAndTheNextLogin {

        @Test
        void aLoginInTheSameMillisecondAsTheSignOutWorksAndTheSignedOutTokensDoNot() throws Exception {
            Settings settings = settings(Map.of());
            memory(settings);
            TokenSigner issuer = TokenSigner.forSettings(settings, clock, service).orElseThrow();
            Authenticator authenticator = new Authenticator(settings, clock);
            TokenPair before = issuer.issueWithRefreshToken("alice", List.of("User"));
            String plain = issuer.issue("alice", List.of("User"));

            service.signOutEverywhere(request(authenticator, before.accessToken()).principal());
            TokenPair after = issuer.issueWithRefreshToken("alice", List.of("User"));

            assertThat(reason(request(authenticator, before.accessToken()))).isEqualTo("token_revoked");
            assertThat(reason(request(authenticator, plain))).isEqualTo("token_revoked");
            assertThatThrownBy(() -> issuer.refresh(before.refreshToken())).isInstanceOf(RefreshRefused.class);
            assertThat(reason(request(authenticator, after.accessToken()))).isEqualTo("authenticated");
            assertThat(reason(request(authenticator, issuer.refresh(after.refreshToken()).accessToken())))
                    .isEqualTo("authenticated");
        }

        @Test
        void aLoginOnAnInstanceWhoseClockIsBehindWorksOnEveryInstanceOnceItKnowsOfTheSignOut() throws Exception {
            Settings settings = settings(Map.of("jwtguard.revocation.store", FlakyStore.class.getName(),
                    "jwtguard.revocation.sync-interval", "1m", "jwtguard.revocation.max-stale", "2m"));
            FlakyStore shared = new FlakyStore(clock);
            MutableClock behind = new MutableClock(clock.instant().minusMillis(400));
            service = withStore(settings, clock, shared);
            service.start();
            RevocationService other = withStore(settings, behind, shared);
            other.start();
            try {
                TokenSigner issuerHere = TokenSigner.forSettings(settings, clock, service).orElseThrow();
                TokenSigner issuerThere = TokenSigner.forSettings(settings, behind, other).orElseThrow();
                Authenticator here = new Authenticator(settings, clock);
                Authenticator there = new Authenticator(settings, behind);
                String old = issuerHere.issue("alice", List.of("User"));

                service.signOutEverywhere(request(here, old).principal());
                other.syncOnce();
                TokenPair next = issuerThere.issueWithRefreshToken("alice", List.of("User"));

                assertThat(reason(service.check(here.validate(next.accessToken())))).isEqualTo("authenticated");
                assertThat(reason(other.check(there.validate(next.accessToken())))).isEqualTo("authenticated");
                assertThat(reason(other.check(there.validate(old)))).isEqualTo("token_revoked");
                assertThat(issuerHere.refresh(next.refreshToken()).accessToken()).isNotBlank();
            } finally {
                other.close();
            }
        }

        @Test
        void aTokenFromAnIssuerWhoseClockRunsAheadDoesNotOutliveItsOwnSignOut() {
            Settings settings = settings(Map.of());
            memory(settings);
            Authenticator authenticator = new Authenticator(settings, clock);
            // Issued now by a clock 30 s ahead (within the 60 s skew): iat is in the future.
            String ahead = token(clock.instant().plusSeconds(30), "ahead", null);
            String sameSecond = token(clock.instant().plusSeconds(30), "ahead-too", null);

            service.signOutEverywhere(request(authenticator, ahead).principal());

            assertThat(reason(request(authenticator, ahead))).isEqualTo("token_revoked");
            assertThat(reason(request(authenticator, sameSecond))).isEqualTo("token_revoked");
        }

        @Test
        void aPreciseIssueInstantThatContradictsIatIsIgnored() {
            assertThat(io.jwtguard.internal.authn.TokenIds.issuedAtMillis(100, 100_250L)).isEqualTo(100_250);
            assertThat(io.jwtguard.internal.authn.TokenIds.issuedAtMillis(100, 101_000L)).isEqualTo(100_000);
            assertThat(io.jwtguard.internal.authn.TokenIds.issuedAtMillis(100, null)).isEqualTo(100_000);
        }
    }

    @Nested
    class MemoryACallerCannotGrow {

        private MemoryRevocationStore memoryStore() {
            return (MemoryRevocationStore) opened;
        }

        private int retained() {
            MemoryRevocationStore store = memoryStore();
            return replica.size() + subjects.size() + (int) store.grantCount() + store.entryCount();
        }

        @Test
        void aHundredThousandLoginsAndLogoutsByOneUserKeepABoundedNumberOfEntriesAndRefuseEveryOldToken()
                throws Exception {
            Settings settings = settings(Map.of("jwtguard.token.cache.size", "0"));
            memory(settings);
            TokenSigner issuer = TokenSigner.forSettings(settings, clock, service).orElseThrow();
            Authenticator authenticator = new Authenticator(settings, clock);
            TokenPair first = null;
            int most = 0;
            for (int cycle = 0; cycle < 100_000; cycle++) {
                TokenPair login = issuer.issueWithRefreshToken("alice", List.of("User"));
                first = first == null ? login : first;
                AuthenticationResult caller = request(authenticator, login.accessToken());
                assertThat(reason(caller)).as("cycle %d", cycle).isEqualTo("authenticated");
                service.revoke(caller.principal());
                most = Math.max(most, retained());
                clock.advance(Duration.ofMillis(3));
            }

            // Two revocations (token and session) per logout, a family per login, capped per subject.
            assertThat(most).isLessThanOrEqualTo(Subjects.MAX_REVOCATIONS * 2 + Subjects.MAX_SESSIONS + 4);
            assertThat(memoryStore().entryCount()).as("one copy: the replica's").isZero();
            assertThat(reason(request(authenticator, first.accessToken()))).isEqualTo("token_revoked");
            TokenPair firstLogin = first;
            assertThatThrownBy(() -> issuer.refresh(firstLogin.refreshToken())).isInstanceOf(RefreshRefused.class);
            assertThat(reason(request(authenticator, issuer.issue("alice", List.of("User"))))).isEqualTo("authenticated");
        }

        @Test
        void tenThousandChainedRefreshesKeepOneGrantAndOneMarkerAndAReplayOfAnyStillRevokesTheSession()
                throws Exception {
            Settings settings = settings(Map.of());
            memory(settings);
            TokenSigner issuer = TokenSigner.forSettings(settings, clock, service).orElseThrow();
            Authenticator authenticator = new Authenticator(settings, clock);
            TokenPair login = issuer.issueWithRefreshToken("alice", List.of("User"));
            TokenPair current = login;
            for (int i = 0; i < 10_000; i++) {
                current = issuer.refresh(current.refreshToken());
            }

            assertThat(memoryStore().grantCount()).isEqualTo(2);
            assertThatThrownBy(() -> issuer.refresh(login.refreshToken())).isInstanceOf(RefreshRefused.class)
                    .hasMessageContaining("used before");
            assertThat(reason(request(authenticator, current.accessToken()))).isEqualTo("token_revoked");
            TokenPair last = current;
            assertThatThrownBy(() -> issuer.refresh(last.refreshToken())).isInstanceOf(RefreshRefused.class);
        }

        @Test
        void pastTheCapOfLiveSessionsTheOldestIsSignedOutNotForgotten() throws Exception {
            Settings settings = settings(Map.of());
            memory(settings);
            TokenSigner issuer = TokenSigner.forSettings(settings, clock, service).orElseThrow();
            Authenticator authenticator = new Authenticator(settings, clock);
            TokenPair oldest = issuer.issueWithRefreshToken("alice", List.of("User"));
            for (int i = 0; i < Subjects.MAX_SESSIONS; i++) {
                issuer.issueWithRefreshToken("alice", List.of("User"));
            }

            assertThat(reason(request(authenticator, oldest.accessToken()))).isEqualTo("token_revoked");
            assertThatThrownBy(() -> issuer.refresh(oldest.refreshToken())).isInstanceOf(RefreshRefused.class);
            assertThat(memoryStore().grantCount()).isEqualTo(2L * Subjects.MAX_SESSIONS);
        }
    }

    @Nested
    class RefreshTokens {

        @Test
        void eachExchangeRotatesAndAReplayRevokesTheWholeSession() throws Exception {
            Settings settings = settings(Map.of());
            memory(settings);
            TokenSigner issuer = TokenSigner.forSettings(settings, clock, service).orElseThrow();
            Authenticator authenticator = new Authenticator(settings, clock);
            TokenPair login = issuer.issueWithRefreshToken("alice", List.of("User"));

            TokenPair next = issuer.refresh(login.refreshToken());

            assertThat(next.refreshToken()).isNotEqualTo(login.refreshToken()).hasSize(43);
            JwtPrincipal caller = request(authenticator, next.accessToken()).principal();
            assertThat(caller.getRoles()).containsExactly("User");
            assertThat(caller.getClaims().get("sid")).isEqualTo(request(authenticator, login.accessToken())
                    .principal().getClaims().get("sid"));

            assertThatThrownBy(() -> issuer.refresh(login.refreshToken())).isInstanceOf(RefreshRefused.class)
                    .hasMessageContaining("used before").extracting(e -> ((RefreshRefused) e).error())
                    .isEqualTo("invalid_grant");
            assertThat(reason(request(authenticator, next.accessToken()))).isEqualTo("token_revoked");
            assertThat(reason(request(authenticator, login.accessToken()))).isEqualTo("token_revoked");
            assertThatThrownBy(() -> issuer.refresh(next.refreshToken())).isInstanceOf(RefreshRefused.class)
                    .hasMessageContaining("signed out");
        }

        @Test
        void anUnknownOrExpiredRefreshTokenIsAnInvalidGrant() {
            Settings settings = settings(Map.of("jwtguard.refresh-token.lifetime", "1h"));
            memory(settings);
            TokenSigner issuer = TokenSigner.forSettings(settings, clock, service).orElseThrow();
            TokenPair login = issuer.issueWithRefreshToken("alice", List.of("User"));

            assertThatThrownBy(() -> issuer.refresh("not-a-refresh-token")).isInstanceOf(RefreshRefused.class)
                    .hasMessageContaining("unknown or expired");
            clock.advance(Duration.ofHours(1));
            assertThatThrownBy(() -> issuer.refresh(login.refreshToken())).isInstanceOf(RefreshRefused.class)
                    .hasMessageContaining("unknown or expired");
        }

        @Test
        void signingOutEverywhereEndsTheSubjectsRefreshTokensToo() {
            Settings settings = settings(Map.of());
            memory(settings);
            TokenSigner issuer = TokenSigner.forSettings(settings, clock, service).orElseThrow();
            TokenPair login = issuer.issueWithRefreshToken("alice", List.of("User"));
            JwtPrincipal caller = request(new Authenticator(settings, clock), login.accessToken()).principal();

            service.signOutEverywhere(caller);

            assertThatThrownBy(() -> issuer.refresh(login.refreshToken())).isInstanceOf(RefreshRefused.class)
                    .hasMessageContaining("signed out");
        }
    }

    /** A shared store that can be switched off: every call then fails as a dead Redis would, at once. */
    public static final class FlakyStore implements RevocationStore {

        /** Replaced by a test as a store that restarted empty. */
        volatile MemoryRevocationStore data;
        volatile boolean down;
        int revokes;

        public FlakyStore() {
            this(java.time.Clock.systemUTC());
        }

        FlakyStore(java.time.Clock clock) {
            this.data = new MemoryRevocationStore(clock);
        }

        private void check() throws IOException {
            if (down) {
                throw new IOException("store down");
            }
        }

        @Override
        public void start() throws IOException {
            check();
        }

        @Override
        public void revoke(Entry entry) throws IOException {
            check();
            revokes++;
            data.revoke(entry);
        }

        @Override
        public Collection<Entry> entries() throws IOException {
            check();
            return data.entries();
        }

        @Override
        public long version() throws IOException {
            check();
            return data.version();
        }

        @Override
        public void subscribe(Consumer<Entry> listener) {
            // No push: the replica must catch up from the version alone.
        }

        @Override
        public void saveRefreshGrant(String tokenHash, RefreshGrant grant) throws IOException {
            check();
            data.saveRefreshGrant(tokenHash, grant);
        }

        @Override
        public RefreshGrant useRefreshGrant(String tokenHash) throws IOException {
            check();
            return data.useRefreshGrant(tokenHash);
        }

        @Override
        public void close() {
        }
    }

    @Nested
    class SharedStoreOutages {

        /** Sync interval 1 m, so the scheduler never runs during a test: each sync is called by the test. */
        private Settings shared(String onFailure) {
            return settings(Map.of("jwtguard.revocation.store", FlakyStore.class.getName(),
                    "jwtguard.revocation.sync-interval", "1m", "jwtguard.revocation.max-stale", "2m",
                    "jwtguard.revocation.on-store-failure", onFailure));
        }

        @Test
        void anApplicationsStoreIsOpenedFromItsClassName() {
            Settings settings = shared("refuse");
            service = fromSettings(settings);
            service.start();
            Authenticator authenticator = new Authenticator(settings, clock);
            String token = token(clock.instant(), "by-class-name", null);

            assertThat(service.revoke(request(authenticator, token).principal())).isEqualTo(Outcome.SHARED);
            assertThat(reason(request(authenticator, token))).isEqualTo("token_revoked");
            assertThat(opened).isInstanceOf(FlakyStore.class);
            assertThat(((FlakyStore) opened).revokes).isEqualTo(1);
        }

        @Test
        void withinMaxStaleTheReplicaDecidesThenRefuseAnswersRevocationUnavailable() {
            Settings settings = shared("refuse");
            FlakyStore store = new FlakyStore(clock);
            service = withStore(settings, clock, store);
            service.start();
            Authenticator authenticator = new Authenticator(settings, clock);
            String token = token(clock.instant(), "t", null);

            store.down = true;
            service.syncOnce();
            clock.advance(Duration.ofMinutes(2));
            service.evaluateStaleness();
            assertThat(reason(request(authenticator, token))).isEqualTo("authenticated");

            clock.advance(Duration.ofSeconds(1));
            service.evaluateStaleness();
            AuthenticationResult refused = request(authenticator, token);
            assertThat(refused.failure().reason()).isEqualTo(Reason.REVOCATION_UNAVAILABLE);
            assertThat(refused.failure().reason().status()).isEqualTo(503);
            assertThat(refused.failure().description()).doesNotContain("store down");

            store.down = false;
            service.syncOnce();
            assertThat(reason(request(authenticator, token))).isEqualTo("authenticated");
        }

        @Test
        void allowLetsVerifiedCallersThroughPastMaxStaleButNeverAKnownRevokedToken() {
            Settings settings = shared("allow");
            FlakyStore store = new FlakyStore(clock);
            service = withStore(settings, clock, store);
            service.start();
            Authenticator authenticator = new Authenticator(settings, clock);
            String revoked = token(clock.instant(), "r", null);
            service.revoke(request(authenticator, revoked).principal());

            store.down = true;
            clock.advance(Duration.ofMinutes(10));
            service.evaluateStaleness();
            assertThat(reason(request(authenticator, token(clock.instant(), "ok", null)))).isEqualTo("authenticated");
            assertThat(reason(request(authenticator, revoked))).isEqualTo("token_revoked");
        }

        @Test
        void aRevocationMadeWhileTheStoreIsDownIsRecordedWhenItReturns() {
            Settings settings = shared("refuse");
            FlakyStore store = new FlakyStore(clock);
            service = withStore(settings, clock, store);
            service.start();
            Authenticator authenticator = new Authenticator(settings, clock);
            String token = token(clock.instant(), "during", null);
            store.down = true;

            assertThat(service.revoke(request(authenticator, token).principal())).isEqualTo(Outcome.PENDING);
            assertThat(reason(request(authenticator, token))).isEqualTo("token_revoked");
            assertThat(store.data.entries()).isEmpty();

            store.down = false;
            service.syncOnce();
            assertThat(store.data.entries()).extracting(RevocationStore.Entry::id).containsExactly("during");
        }

        @Test
        void aStoreThatLostItsDataIsGivenWhatThisInstanceKnowsAgain() throws Exception {
            Settings settings = shared("refuse");
            FlakyStore store = new FlakyStore(clock);
            service = withStore(settings, clock, store);
            service.start();
            Authenticator authenticator = new Authenticator(settings, clock);
            service.revoke(request(authenticator, token(clock.instant(), "one", null)).principal());
            service.revoke(request(authenticator, token(clock.instant(), "two", null)).principal());
            service.syncOnce();

            // Another instance's revocation reaches this one through the version alone (FlakyStore pushes nothing).
            FlakyStore restarted = store;
            restarted.data.revoke(new RevocationStore.Entry(RevocationStore.Kind.TOKEN, Tokens.ISSUER, "three",
                    clock.instant(), clock.instant().plusSeconds(3600)));
            service.syncOnce();
            assertThat(reason(request(authenticator, token(clock.instant(), "three", null)))).isEqualTo("token_revoked");

            // Emptied, with a version lower than seen: this instance records its three again.
            var emptied = new FlakyStore(clock);
            store.data = emptied.data;
            service.syncOnce();
            assertThat(emptied.data.entries()).extracting(RevocationStore.Entry::id)
                    .containsExactlyInAnyOrder("one", "two", "three");
        }

        @Test
        void theWatchdogNoticesMaxStaleWithinATwentiethOfIt() {
            service = withStore(shared("refuse"), clock, new FlakyStore(clock));

            assertThat(service.watchdogPeriod()).isEqualTo(Duration.ofSeconds(6));
            assertThat(withStore(settings(Map.of("jwtguard.revocation.store", FlakyStore.class.getName(),
                    "jwtguard.revocation.sync-interval", "200ms", "jwtguard.revocation.max-stale", "1s")), clock,
                    new FlakyStore(clock)).watchdogPeriod()).isEqualTo(Duration.ofMillis(100));
        }

        @Test
        void neverSyncedMeansStaleFromTheStart() {
            Settings settings = shared("refuse");
            FlakyStore store = new FlakyStore(clock);
            store.down = true;
            service = withStore(settings, clock, store);
            service.start();

            AuthenticationResult refused = request(new Authenticator(settings, clock), token(clock.instant(), "t", null));

            assertThat(refused.failure().reason()).isEqualTo(Reason.REVOCATION_UNAVAILABLE);
            assertThat(refused.failure().serverDetail()).contains("since start-up");
        }
    }
}
