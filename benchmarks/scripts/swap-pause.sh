#!/usr/bin/env bash
# Swap pause per role bundle (issue: hot swap), and in the same run the outage of restarting Karaf.
#
#   benchmarks/scripts/swap-pause.sh [SWAPS_PER_BUNDLE (default 100)] [RESTARTS (default 5)]
#
# On the distribution (./workbench --batch), default world in real time, mn away on foreign1 and echo
# traffic from cn to mn's home address every 20 ms:
#   - tunnelled through ha (routeOptimization never): SWAPS x mip6:swap of each role bundle (ha, mn, cn, ro, dhaad)
#   - route optimized (routeOptimization always):     the same
# Each swap prints the messages the nodes held and the pause (the longest any of them waited for the role);
# echoes lost over each phase come from mip6:traffic stats. Then RESTARTS x the alternative: bin/stop,
# bin/start, until cn's echo to mn's home address is answered again (the world rebuilt, every binding
# lost). Prints a table for docs/BENCHMARKS.md; raw output in target/swap-pause/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SWAPS=${1:-100}
RESTARTS=${2:-5}
OUT=$ROOT/target/swap-pause
DIST=$ROOT/target/workbench
HOA=2001:db8:1::ff:fe00:b
mkdir -p "$OUT"

phase() { # NAME RO BUNDLES...
  local name=$1 ro=$2; shift 2
  {
    echo "config:property-set -p org.mip6.mn~mn routeOptimization $ro"
    echo "shell:sleep 2"
    echo "mip6:world reset --realtime --seed 7"
    echo "shell:sleep 3"
    echo "mip6:move mn foreign1"
    echo "mip6:traffic --interval 20ms start cn mn"
    echo "shell:sleep 3"
    for b in "$@"; do
      for _ in $(seq 1 "$SWAPS"); do echo "mip6:swap $b"; done
    done
    echo "shell:sleep 2"
    echo "mip6:traffic stop"
    echo "mip6:traffic stats --no-format"
  } > "$OUT/$name.batch"
  echo "swap-pause: $name: $(( SWAPS * $# )) swaps ..." >&2
  "$ROOT/workbench" --batch "$OUT/$name.batch" > "$OUT/$name.out"
}

ROLES="org.mip6.ha org.mip6.mn org.mip6.cn org.mip6.ro org.mip6.dhaad"
phase tunnelled never $ROLES
phase route-optimized always $ROLES

# The alternative: restart the whole Karaf.
client() { "$DIST/bin/client" -u mip6 -p mip6 "$@"; }
: > "$OUT/restart.out"
"$DIST/bin/start"
for _ in $(seq 1 120); do printf 'mip6:info --no-format\n' | client -r 1 -d 1 -b >/dev/null 2>&1 && break; sleep 1; done
for i in $(seq 1 "$RESTARTS"); do
  pid=$(cat "$DIST/karaf.pid")
  t0=$(date +%s%N)
  "$DIST/bin/stop" >/dev/null 2>&1 || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  "$DIST/bin/start"
  until printf "mip6:ping cn $HOA 1\n" | client -r 1 -d 1 -b 2>/dev/null | grep -q "1 received"; do sleep 0.1; done
  t1=$(date +%s%N)
  echo "restart $i: $(( (t1 - t0) / 1000000 )) ms" | tee -a "$OUT/restart.out" >&2
done
"$DIST/bin/stop" >/dev/null 2>&1 || true

python3 - "$OUT" <<'PY'
import re, sys, pathlib
out = pathlib.Path(sys.argv[1])
def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, max(0, -(-len(v) * p // 100) - 1))]
print("| bundle | traffic | swaps | swaps holding messages | messages held | pause p50 / p99 / max (ms) | swap time p50 / p99 (ms) | echoes lost |")
print("|---|---|---|---|---|---|---|---|")
for name in ("tunnelled", "route-optimized"):
    text = (out / f"{name}.out").read_text()
    lost = "?"
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) > 8 and f[0].isdigit():
            lost = f"{f[8]} of {f[6]}"
    per = {}
    for m in re.finditer(r"^swapped (\S+) \S+ -> \S+ in (\d+) ms; (?:no messages held|(\d+) messages held meanwhile, for up to ([\d.]+) ms)", text, re.M):
        per.setdefault(m.group(1), []).append((int(m.group(2)), int(m.group(3) or 0), float(m.group(4) or 0)))
    failed = len(re.findall(r"^swap of ", text, re.M))
    if failed:
        print(f"<!-- {name}: {failed} swaps failed and were rolled back -->")
    for b, rows in per.items():
        holding = [r for r in rows if r[1] > 0]
        pauses = [r[2] for r in holding] or [0.0]
        times = [r[0] for r in rows]
        print(f"| {b} | {name} | {len(rows)} | {len(holding)} | {sum(r[1] for r in rows)} | "
              f"{pct(pauses, 50):.1f} / {pct(pauses, 99):.1f} / {max(pauses):.1f} | {pct(times, 50)} / {pct(times, 99)} | {lost} (phase) |")
r = [int(x) for x in re.findall(r": (\d+) ms", (out / "restart.out").read_text())]
if r:
    print(f"\nKaraf restart (bin/stop, bin/start, until cn's echo to {'mn'}'s home address is answered; bindings lost): "
          f"{len(r)} restarts, p50 {pct(r, 50)} ms, max {max(r)} ms")
PY
