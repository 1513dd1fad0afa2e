#!/bin/bash
# The runs behind the tables of docs/performance.md, each under the machine's heavy-work lock when there is one
# (the machine is shared), each writing its Rounds output to target/runs/NAME.log. Usage, from the project's root:
#   mvn -Pbench test-compile && bash src/bench/tables.sh [A] [B] [C] [E]   (all of them without arguments)
# A: validation, HS256, the small and the Keycloak-shaped token; B: the same for the Entra-shaped token, and RS256
# with the Keycloak-shaped one; C: cache hits by shape and number of tokens, a miss with the cache on, refusals
# (each about 10 minutes here), and the prepared HMAC shared by 1, 2 and 8 threads; E: the cache's heap per shape.
set -u
LOCK=${JWTGUARD_LOCK:-/tmp/jwtguard-heavy.lock}
V=ValidationBenchmark
T=TokenShapesBenchmark
H=HmacThreadsBenchmark
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
for b in jcaFloor jwtGuardWholePath nimbus jose4j springSecurity smallRyeJwt; do
  B="$B $V.$b\$@algorithm=RS256,shape=keycloak"
done
C="--rounds 3 --warmup 8 --measure 3"
for st in small,tokens=1 small,tokens=10000 keycloak,tokens=1 keycloak,tokens=10000 entra,tokens=1; do
  C="$C $T.cacheHit\$@shape=$st"
done
C="$C $T.cacheMiss\$@shape=keycloak $T.cacheOff\$@shape=keycloak"
C="$C $T.expired\$@shape=keycloak,warmup=15 $T.forged\$@shape=keycloak"
for t in 1 2 8; do
  C="$C $H.stockHmac\$@shape=small,threads=$t,warmup=5 $H.preparedHmac\$@shape=small,threads=$t,warmup=5"
done
for run in "${@:-A B C E}"; do
  for r in $run; do
    case $r in
      A | B | C) rounds "$r" "${!r}" ;;
      E) for s in small keycloak entra groups; do
           locked mvn -o -q -Pbench exec:exec@cache-heap -Dcache-heap.args="10000 $s"
         done > target/runs/E.log 2>&1 ;;
      *) echo "unknown run $r" >&2; exit 2 ;;
    esac
  done
done
