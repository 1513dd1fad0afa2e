#!/bin/bash
# The runs behind the tables of docs/performance.md, each under the machine's heavy-work lock when there is one
# (the machine is shared), each writing its Rounds output to target/runs/NAME.log. Usage, from the project's root:
#   mvn -Pbench test-compile && bash src/bench/tables.sh [A] [B] [R] [S] [C] [M] [H] [D] [E]   (all without arguments)
# A: validation, HS256, the small and the Keycloak-shaped token; B: the same for the Entra-shaped token, and RS256
# with the Keycloak-shaped one; R: RS256 with the small and the Entra-shaped token; S: ES256, every shape;
# C: cache hits by shape and number of tokens, a miss with the cache on, the cache off, refusals; M: a miss against
# a full check of tokens as cold in the CPU's caches as its own; H: the prepared HMAC shared by 1, 2 and 8 threads;
# D: meters, MCP tool rules, protected resource metadata, the revocation check, refresh and DPoP; E: the cache's
# heap per shape. Each of A to D takes 8 to 25 minutes on a 2-core machine.
set -u
LOCK=${JWTGUARD_LOCK:-/tmp/jwtguard-heavy.lock}
V=ValidationBenchmark
T=TokenShapesBenchmark
HT=HmacThreadsBenchmark
mkdir -p target/runs
locked() {
  if command -v flock > /dev/null; then flock "$LOCK" "$@"; else "$@"; fi
}
rounds() {
  local name=$1 args=$2 log=target/runs/$1.log
  { echo "START $(date -u +%FT%TZ) $(uptime)"; echo "ARGS: $args"; } > "$log"
  # START is when the run asked for the lock; LOCKED, when it got it.
  locked bash -c 'echo "LOCKED $(date -u +%FT%TZ) $(uptime)"; exec mvn -o -q -Pbench exec:exec@rounds -Drounds.args="$0"' \
    "$args" >> "$log" 2>&1
  echo "END $(date -u +%FT%TZ) rc=$? $(uptime)" >> "$log"
}
A="--rounds 3 --warmup 8 --measure 3 --param cache=off"
for s in small keycloak; do
  for b in jwtGuardWholePath javaJwtVerify javaJwtPreparedHmac nimbus jose4j springSecurity smallRyeJwt; do
    A="$A $V.$b\$@algorithm=HS256,shape=$s"
  done
done
B="--rounds 3 --warmup 8 --measure 3 --param cache=off"
for b in jwtGuardWholePath javaJwtVerify javaJwtPreparedHmac nimbus jose4j springSecurity smallRyeJwt; do
  B="$B $V.$b\$@algorithm=HS256,shape=entra"
done
# The floor and the verifiers with a key pair: asymmetric ALGORITHM SHAPE...
asymmetric() {
  local algorithm=$1 shape b
  shift
  for shape in "$@"; do
    for b in jcaFloor jwtGuardWholePath nimbus jose4j springSecurity smallRyeJwt; do
      printf ' %s' "$V.$b\$@algorithm=$algorithm,shape=$shape"
    done
  done
}
B="$B$(asymmetric RS256 keycloak)"
R="--rounds 3 --warmup 8 --measure 3 --param cache=off$(asymmetric RS256 small entra)"
S="--rounds 3 --warmup 8 --measure 3 --param cache=off$(asymmetric ES256 small keycloak entra)"
C="--rounds 3 --warmup 8 --measure 3"
for s in small keycloak entra; do
  for t in 1 1000 10000; do
    C="$C $T.cacheHit\$@shape=$s,tokens=$t"
  done
  C="$C $T.cacheMiss\$@shape=$s $T.cacheOff\$@shape=$s $T.expired\$@shape=$s,warmup=15 $T.forged\$@shape=$s"
done
C="$C $T.forged\$@shape=keycloak,forgeries=1"
# M: a miss against a full check of tokens as cold as its own (the same 200,000 distinct tokens, the cache off).
M="--rounds 3 --warmup 8 --measure 3"
for s in small keycloak entra; do
  M="$M $T.cacheMiss\$@shape=$s $T.cacheOffDistinct\$@shape=$s $T.cacheOff\$@shape=$s"
done
H="--rounds 3 --warmup 8 --measure 3"
for t in 1 2 8; do
  H="$H $HT.stockHmac\$@shape=small,threads=$t,warmup=5 $HT.preparedHmac\$@shape=small,threads=$t,warmup=5"
done
# D: each benchmark's own settings named in full (a param left out would run all its values in one fork).
D="--rounds 3 --warmup 8 --measure 3"
for m in off micrometer otel-noop; do D="$D MetricsCostBenchmark.cacheHit\$@meters=$m"; done
D="$D McpToolRulesBenchmark.toolRules\$ McpToolRulesBenchmark.bodyReadAlone\$"
for r in off on; do
  D="$D ResourceMetadataCostBenchmark.cacheHit\$@resource=$r ResourceMetadataCostBenchmark.missingTokenChallenge\$@resource=$r"
done
D="$D RevocationCheckBenchmark.cacheHit\$@revoked=0,store=memory"
for r in 0 10000; do
  for st in memory shared; do D="$D RevocationCheckBenchmark.check\$@revoked=$r,store=$st"; done
done
D="$D RevocationBenchmark.refreshExchange\$@store=memory RevocationBenchmark.refreshExchange\$@store=redis"
for a in ES256 EdDSA; do
  D="$D DpopBenchmark.jcaFloor\$@algorithm=$a DpopBenchmark.jcaFloorWithKey\$@algorithm=$a DpopBenchmark.proofCheck\$@algorithm=$a"
done
D="$D DpopBenchmark.replay\$@store=memory DpopBenchmark.replay\$@store=redis"
D="$D DpopBenchmark.bearerHit\$@dpop=off DpopBenchmark.bearerHit\$@dpop=allowed"
for run in "${@:-A B R S C M H D E}"; do
  for r in $run; do
    case $r in
      A | B | R | S | C | M | H | D) rounds "$r" "${!r}" ;;
      E) for s in small keycloak entra groups; do
           locked mvn -o -q -Pbench exec:exec@cache-heap -Dcache-heap.args="10000 $s"
         done > target/runs/E.log 2>&1 ;;
      *) echo "unknown run $r" >&2; exit 2 ;;
    esac
  done
done
