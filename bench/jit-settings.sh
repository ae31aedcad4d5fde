#!/usr/bin/env bash
# What the .NET JIT's settings do to GoSharp's cold and warm figures, beside Go: the five workloads
# whose cold rows trail their warm ones (skynet spawn pingpong sieve prodcons), each run by
#   go             Go (bench/go), the reference
#   default        GoSharp on the JIT as shipped: tiered compilation, quick JIT, dynamic PGO, and
#                  the tier-up wait that GoSharp's build targets set to 0 ms
#   wait-100       the runtime's own wait of 100 ms, as an app gets with
#                  <GoSharpTierUpAtOnce>false</GoSharpTierUpAtOnce> (its runtimeconfig.json edited;
#                  DOTNET_TC_CallCountingDelayMs would not do: the runtime reads it as hexadecimal)
#   quickjit-off   DOTNET_TC_QuickJit=0           (MSBuild TieredCompilationQuickJit=false)
#   loops-off      DOTNET_TC_QuickJitForLoops=0   (MSBuild TieredCompilationQuickJitForLoops=false)
#   tiering-off    DOTNET_TieredCompilation=0     (MSBuild TieredCompilation=false)
#   pgo-off        DOTNET_TieredPGO=0             (MSBuild TieredPGO=false)
#   r2r-runtime    GoSharp.dll compiled ReadyToRun, the application not: what shipping the runtime
#                  ReadyToRun-compiled in the package would give
#   r2r-app        the whole application published with PublishReadyToRun
#   aot            NativeAOT (no JIT at all)
# in one interleaved run: RUNS rounds, each running every workload once per variant, in an order
# rotated from round to round. Each run is a fresh process doing REPS repetitions; the first is
# the cold figure, the last the warm one. Prints a markdown table of medians (the workload's ms)
# and each variant's ratio to Go.
#
#   bench/jit-settings.sh                   # RUNS=3 REPS=3 (about 6 minutes on 2 quiet cores)
#   RUNS=5 ROWS="pingpong sieve" VARIANTS="go default wait-100" bench/jit-settings.sh
#
# Needs what bench/compare.sh needs (it installs Go, clang and zlib1g-dev with apt-get when missing).
set -euo pipefail

cd "$(dirname "$0")"
BENCH=$(pwd)
RUNS=${RUNS:-3}
REPS=${REPS:-3}
ALL="skynet spawn pingpong sieve prodcons"
ROWS=${ROWS:-$ALL}
OUT=${OUT:-$BENCH/out/jit-settings-$(date -u +%Y%m%dT%H%M%SZ)}
ALL_VARIANTS="go default wait-100 quickjit-off loops-off tiering-off pgo-off r2r-runtime r2r-app aot"
VARIANTS=${VARIANTS:-$ALL_VARIANTS}
for v in $VARIANTS; do
  case " $ALL_VARIANTS " in *" $v "*) ;; *) echo "unknown variant '$v' (VARIANTS takes: $ALL_VARIANTS)" >&2; exit 2 ;; esac
done
for w in $ROWS; do
  case " $ALL " in *" $w "*) ;; *) echo "unknown workload '$w' (ROWS takes: $ALL)" >&2; exit 2 ;; esac
done
case "$RUNS$REPS" in *[!0-9]*) echo "RUNS and REPS must be positive integers" >&2; exit 2 ;; esac
mkdir -p "$OUT"

. "$BENCH/bench-lib.sh"
install_tools
echo "== build" >&2
build_go $ALL
JIT=$BENCH/GoSharp.Bench/bin/Release/net10.0
build build-jit.log build GoSharp.Bench/GoSharp.Bench.csproj
build build-aot.log publish GoSharp.Bench/GoSharp.Bench.csproj -o out/gosharp-aot
# ReadyToRun needs a runtime identifier and no NativeAOT (which GoSharp.Bench.csproj turns on for publish).
build build-r2r.log publish GoSharp.Bench/GoSharp.Bench.csproj -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -p:PublishAot=false -p:PublishTrimmed=false -o out/gosharp-r2r-app
rm -rf out/gosharp-r2r-runtime
cp -r "$JIT" out/gosharp-r2r-runtime
cp out/gosharp-r2r-app/GoSharp.dll out/gosharp-r2r-runtime/GoSharp.dll
rm -rf out/gosharp-wait-100
cp -r "$JIT" out/gosharp-wait-100
setting='"System.Runtime.TieredCompilation.CallCountingDelayMs": '
sed -i "s/$setting"'0/'"$setting"'100/' out/gosharp-wait-100/GoSharp.Bench.runtimeconfig.json
grep -q "${setting}100" out/gosharp-wait-100/GoSharp.Bench.runtimeconfig.json || { echo "no tier-up wait in GoSharp.Bench.runtimeconfig.json" >&2; exit 1; }

# command_of VARIANT WORKLOAD: sets CMD to the variant's command line, without size and reps
command_of() {
  local dll=$JIT/GoSharp.Bench.dll
  case "$1" in
    go) CMD=("$BENCH/out/go/$2") ;;
    default) CMD=(dotnet "$dll" "$2") ;;
    quickjit-off) CMD=(env DOTNET_TC_QuickJit=0 dotnet "$dll" "$2") ;;
    loops-off) CMD=(env DOTNET_TC_QuickJitForLoops=0 dotnet "$dll" "$2") ;;
    tiering-off) CMD=(env DOTNET_TieredCompilation=0 dotnet "$dll" "$2") ;;
    pgo-off) CMD=(env DOTNET_TieredPGO=0 dotnet "$dll" "$2") ;;
    wait-100) CMD=(dotnet "$BENCH/out/gosharp-wait-100/GoSharp.Bench.dll" "$2") ;;
    r2r-runtime) CMD=(dotnet "$BENCH/out/gosharp-r2r-runtime/GoSharp.Bench.dll" "$2") ;;
    r2r-app) CMD=(dotnet "$BENCH/out/gosharp-r2r-app/GoSharp.Bench.dll" "$2") ;;
    aot) CMD=("$BENCH/out/gosharp-aot/GoSharp.Bench" "$2") ;;
  esac
}

size() {
  case "$1" in
    skynet | spawn | pingpong) echo 1000000 ;;
    sieve) echo 3000 ;;
    prodcons) echo 10000000 ;;
  esac
}

RAW=$OUT/raw.txt
: >"$RAW"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
T0=$(date +%s)
for ((round = 1; round <= RUNS; round++)); do
  read -r -a order <<<"$VARIANTS"
  k=$(((round - 1) % ${#order[@]}))
  order=("${order[@]:k}" "${order[@]:0:k}")
  echo "== round $round of $RUNS" >&2
  for w in $ROWS; do
    for v in "${order[@]}"; do
      command_of "$v" "$w"
      out=$("${CMD[@]}" "$(size "$w")" "$REPS" 2>&1) || { echo "!! $w $v failed: $out" >&2; exit 1; }
      grep -oE ' ms=[0-9.]+' <<<"$out" | cut -d= -f2 | awk -v w="$w" -v v="$v" -v reps="$REPS" \
        'NR == 1 { print w, v, "cold", $1 } NR == reps { print w, v, "warm", $1 }' >>"$RAW"
    done
  done
done
ELAPSED=$(($(date +%s) - T0))
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "jit-settings.sh, $(date -u +%Y-%m-%dT%H:%MZ): $(nproc) cores, $(go version | awk '{print $3}'), .NET $(dotnet --list-runtimes | awk '/NETCore.App/ {v = $2} END {print v}'); RUNS=$RUNS REPS=$REPS; runs took ${ELAPSED} s; load average $LOAD_START at the start, $LOAD_END at the end."
  echo
  echo "Median ms per repetition (the ratio to Go in brackets; lower is better)."
  echo
  awk -v rows="$ROWS" -v variants="$VARIANTS" '
    { key = $1 SUBSEP $2 SUBSEP $3; n[key]++; v[key, n[key]] = $4 }
    function median(key,    i, j, t, a, m) {
      m = n[key]; if (m == 0) return -1
      for (i = 1; i <= m; i++) a[i] = v[key, i] + 0
      for (i = 2; i <= m; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
    }
    END {
      nv = split(variants, vs, " "); nr = split(rows, rs, " ")
      header = "| workload |"; rule = "| --- |"
      for (i = 1; i <= nv; i++) { header = header " " vs[i] " |"; rule = rule " ---: |" }
      print header; print rule
      for (r = 1; r <= nr; r++) for (p = 1; p <= 2; p++) {
        phase = p == 1 ? "cold" : "warm"
        go = median(rs[r] SUBSEP "go" SUBSEP phase)
        line = "| " rs[r] " " phase " |"
        for (i = 1; i <= nv; i++) {
          m = median(rs[r] SUBSEP vs[i] SUBSEP phase)
          line = line (i == 1 || go <= 0 ? sprintf(" %.0f |", m) : sprintf(" %.0f (%.2fx) |", m, m / go))
        }
        print line
      }
    }' "$RAW"
} | tee "$OUT/summary.md"
