#!/usr/bin/env bash
# Side-by-side run of the eight workloads in four implementations:
#   go     bench/go/<name>          Go (Debian's golang-go), GOMAXPROCS=1 for hog
#   task   bench/tasks              plain .NET: Task.Run + System.Threading.Channels
#   jit    bench/GoSharp.Bench      GoSharp on the JIT (dotnet GoSharp.Bench.dll)
#   aot    bench/GoSharp.Bench      GoSharp published with NativeAOT
# Builds all four, then runs RUNS rounds; in each round every workload runs once in every
# implementation, back to back, in an order rotated from round to round. Each run is a fresh
# process doing REPS repetitions of the workload (one output line each): the first repetition is
# the "cold" row, the last the "warm" row. Prints one markdown table of medians over the rounds,
# with ratios, peak RSS (GNU time %M), bytes per parked goroutine, the worst hog tick gap and a
# check that every implementation printed the same checksums. A mismatch or a failed run is
# reported loudly and makes the script exit 1.
#
#   bench/compare.sh                        # RUNS=3 REPS=3, all workloads (19 minutes at load 30 on 2 cores)
#   RUNS=1 ROWS="skynet pingpong" bench/compare.sh
#
# Environment: RUNS (rounds, 3), REPS (repetitions per process, 3; parked always runs once),
# ROWS (workloads, default all eight), OUT (output folder, default bench/out/compare-<UTC time>).
# Needs the .NET 10 SDK and apt-get (as root or through sudo) for Go, GNU time, clang and
# zlib1g-dev, which are installed when missing. Build outputs go to bench/out/ and the
# projects' bin/ and obj/ folders, all ignored by git.
set -euo pipefail

cd "$(dirname "$0")"
BENCH=$(pwd)
RUNS=${RUNS:-3}
REPS=${REPS:-3}
ALL="skynet spawn parked pingpong sieve prodcons sleepers hog"
ROWS=${ROWS:-$ALL}
OUT=${OUT:-$BENCH/out/compare-$(date -u +%Y%m%dT%H%M%SZ)}
IMPLS="go task jit aot"

for w in $ROWS; do
  case " $ALL " in *" $w "*) ;; *) echo "unknown workload '$w' (ROWS takes: $ALL)" >&2; exit 2 ;; esac
done
case "$RUNS$REPS" in *[!0-9]*) echo "RUNS and REPS must be positive integers" >&2; exit 2 ;; esac
[ "$RUNS" -ge 1 ] && [ "$REPS" -ge 1 ] || { echo "RUNS and REPS must be at least 1" >&2; exit 2; }
mkdir -p "$OUT"

# ---- tools and build ----
. "$BENCH/bench-lib.sh"
install_tools
echo "== build: $(go version), dotnet SDK $(dotnet --version)" >&2
build_go $ALL
build build-tasks.log build tasks/TasksBench.csproj
build build-jit.log build GoSharp.Bench/GoSharp.Bench.csproj
# PublishAot is set in GoSharp.Bench.csproj, not on this command line: as a global property it
# would also reach the netstandard2.0 generator and analyzer projects, which cannot be AOT-compiled.
build build-aot.log publish GoSharp.Bench/GoSharp.Bench.csproj -o out/gosharp-aot

# command_of IMPL WORKLOAD: sets CMD to one implementation's command line, without size and reps
command_of() {
  case "$1" in
    go) if [ "$2" = hog ]; then CMD=(env GOMAXPROCS=1 "$BENCH/out/go/hog"); else CMD=("$BENCH/out/go/$2"); fi ;;
    task) CMD=(dotnet "$BENCH/tasks/bin/Release/net10.0/TasksBench.dll" "$2") ;;
    jit) CMD=(dotnet "$BENCH/GoSharp.Bench/bin/Release/net10.0/GoSharp.Bench.dll" "$2") ;;
    aot) CMD=("$BENCH/out/gosharp-aot/GoSharp.Bench" "$2") ;;
  esac
}

# size WORKLOAD: the workload's default size, written out for every implementation
size() {
  case "$1" in
    skynet | spawn | parked | pingpong) echo 1000000 ;;
    sieve) echo 3000 ;;
    prodcons) echo 10000000 ;;
    sleepers) echo 100000 ;;
    hog) echo 2000 ;;
  esac
}

RAW=$OUT/raw.txt
: >"$RAW"
FAILED=0

# run_one ROW IMPL ROUND SIZE REPS: one process under GNU time; one raw line per output line
run_one() {
  local row=$1 impl=$2 round=$3 size=$4 reps=$5 workload=${1%-empty}
  local tf=$OUT/time.txt of=$OUT/out.txt rc=0
  command_of "$impl" "$workload"
  /usr/bin/time -f '%e %M' -o "$tf" "${CMD[@]}" "$size" "$reps" >"$of" 2>&1 || rc=$?
  local wall rss lines
  read -r wall rss < <(tail -1 "$tf") || true
  lines=$(grep -c " lang=" "$of" || true)
  if [ "$rc" -ne 0 ] || [ "$lines" -ne "$reps" ]; then
    FAILED=1
    echo "!! FAILED: $row $impl round $round (exit $rc, $lines of $reps lines): $(tail -c 400 "$of" | tr '\n' ' ')" >&2
    echo "row=$row round=$round impl=$impl rep=0 FAILED wall_s=$wall maxrss_kb=$rss" >>"$RAW"
    return
  fi
  grep " lang=" "$of" | awk -v p="row=$row round=$round impl=$impl" -v reps="$reps" -v s="wall_s=$wall maxrss_kb=$rss" \
    '{ print p " rep=" NR " final=" (NR == reps) " " $0 " " s }' >>"$RAW"
  echo "   $row $impl #$round: $(grep ' lang=' "$of" | tail -1) (wall ${wall}s, peak ${rss} kB)" >&2
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
T0=$(date +%s)
for ((round = 1; round <= RUNS; round++)); do
  # rotate the order of the implementations from round to round
  read -r -a order <<<"$IMPLS"
  k=$(((round - 1) % ${#order[@]}))
  order=("${order[@]:k}" "${order[@]:0:k}")
  echo "== round $round of $RUNS (${order[*]})" >&2
  for w in $ROWS; do
    for impl in "${order[@]}"; do
      if [ "$w" = parked ]; then
        run_one parked-empty "$impl" "$round" 0 1
        run_one parked "$impl" "$round" "$(size parked)" 1
      else
        run_one "$w" "$impl" "$round" "$(size "$w")" "$REPS"
      fi
    done
  done
done
ELAPSED=$(($(date +%s) - T0))
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
rm -f "$OUT/time.txt" "$OUT/out.txt"

# ---- summary ----
{
  echo "compare.sh, $(date -u +%Y-%m-%dT%H:%MZ): $(nproc) cores, $(go version | awk '{print $3}'), .NET $(dotnet --list-runtimes | awk '/NETCore.App/ {v = $2} END {print v}'); RUNS=$RUNS REPS=$REPS; runs took ${ELAPSED} s; load average $LOAD_START at the start, $LOAD_END at the end."
  echo
  awk -v rows="$ROWS" -v impls="$IMPLS" -v reps="$REPS" -f "$BENCH/compare-summary.awk" "$RAW"
} | tee "$OUT/summary.md"
echo "raw lines: $RAW" >&2
status=0
grep -q '^!! ' "$OUT/summary.md" && status=1
[ "$FAILED" -eq 0 ] || { echo "!! some runs FAILED (see above)" >&2; status=1; }
exit "$status"
