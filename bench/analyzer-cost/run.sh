#!/usr/bin/env bash
# Measures what GoSharp's generator and analyzers cost a build. Generates a library of FILES files,
# each with 5 [Goroutine] methods and 5 plain methods (WaitGroups, go lambdas, contexts, Select,
# a Mutex, ranges over channels, loops in plain methods that goroutine code calls, so that the
# call-graph rule GOSH014 has work). MSBuild builds it once without and once with the generator and
# the analyzers, which gives the compiler's two command lines; then the compiler alone runs each
# command line ROUNDS times, alternately, and the script prints the wall and CPU time of every run
# and, from one more run with /reportanalyzer, the compiler's own time per generator and analyzer.
# CPU time (user + system) is the steadier figure on a machine that other builds share.
# Usage: bench/analyzer-cost/run.sh [FILES] [ROUNDS]   (default 50 files = 500 methods, 3 rounds)
#        KEEP=true bench/analyzer-cost/run.sh ...      keeps the generated project and the logs
set -euo pipefail
files="${1:-50}"
rounds="${2:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
keep="${KEEP:-false}"
trap '$keep || rm -rf "$work"' EXIT

fail() {
  echo "run.sh: $1" >&2
  if [[ -n "${2:-}" && -f "$2" ]]; then
    echo "--- last lines of $2 (kept) ---" >&2
    tail -40 "$2" >&2
    keep=true
  fi
  exit 1
}

cat > "$work/Directory.Build.props" <<'PROPS'
<Project />
PROPS
echo '<Project />' > "$work/Directory.Build.targets"
echo '<Project />' > "$work/Directory.Packages.props"
cat > "$work/AnalyzerCost.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <OutputType>Library</OutputType>
    <!-- GOSH014 is Info: reported in the log, not as a warning. No NoWarn for it: the compiler
         skips an analyzer whose every diagnostic is suppressed, and its cost would not show. -->
    <WithGoSharp Condition="'\$(WithGoSharp)' == ''">true</WithGoSharp>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/GoSharp/GoSharp.csproj" />
  </ItemGroup>
  <ItemGroup Condition="'\$(WithGoSharp)' == 'true'">
    <ProjectReference Include="$repo/src/GoSharp.Generator/GoSharp.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <ProjectReference Include="$repo/src/GoSharp.Analyzers/GoSharp.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
  <Import Project="$repo/src/GoSharp.Generator/buildTransitive/GoSharp.Goroutines.targets" />
</Project>
PROJ

for ((f = 0; f < files; f++)); do
  cat > "$work/Unit$f.cs" <<CS
using GoSharp;
using static GoSharp.Go;

namespace Cost;

public static partial class Unit$f
{
    private static readonly Mutex Gate = new();
    private static long _total;

    [Goroutine]
    public static long Pipeline(int n)
    {
        var results = new Chan<long>(n);
        var wg = new WaitGroup();
        for (int i = 0; i < n; i++)
        {
            wg.Add(1);
            go(() => Worker(i, wg, results));
        }

        wg.Wait();
        results.Close();
        return Drain(results) + Plain(n);
    }

    [Goroutine]
    static void Worker(int i, WaitGroup wg, Chan<long> results)
    {
        using var _ = Defer(wg.Done);
        var (ctx, cancel) = Context.WithTimeout(Context.Background, TimeSpan.FromSeconds(1));
        using var __ = Defer(cancel);
        switch (Select(results.OnSend(Helper(i)), ctx.Done().OnReceive(out var _)))
        {
            case 0: break;
            case 1: return;
        }
    }

    [Goroutine]
    static long Drain(Chan<long> results)
    {
        long sum = 0;
        foreach (var r in results)
        {
            sum += r;
        }

        return sum + Scan(new[] { sum, sum / 2 });
    }

    [Goroutine]
    public static void Guarded(int n)
    {
        var done = new Chan<bool>();
        go(() =>
        {
            Gate.Lock();
            using var _ = Defer(Gate.Unlock);
            _total += n;
            done.Send(true);
        });
        done.Receive();
    }

    [Goroutine]
    public static int Poll(Chan<int> input, int limit)
    {
        int seen = 0;
        while (seen < limit)
        {
            switch (Select(input.OnReceive(out var v), Default))
            {
                case 0:
                    seen += v.Value;
                    break;
                default:
                    Sleep(TimeSpan.FromMilliseconds(1));
                    break;
            }
        }

        return seen;
    }

    static long Plain(int n)
    {
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            total += Helper(i);
        }

        return total;
    }

    static long Helper(int i)
    {
        long x = i;
        for (int k = 0; k < 8; k++)
        {
            x = x * 31 + k;
        }

        return x;
    }

    static long Scan(long[] values)
    {
        long max = long.MinValue;
        int j = 0;
        while (j < values.Length)
        {
            max = Math.Max(max, values[j++]);
        }

        return max;
    }

    public static string Describe(IEnumerable<int> values) =>
        string.Join(",", values.Where(v => v % 2 == 0).Select(v => \$"v{v}"));

    public static void Start(int count) => go(() => Pipeline(count));
}
CS
done

dotnet restore "$work/AnalyzerCost.csproj" -nologo -v:q > "$work/restore.log" 2>&1 || fail "restore failed" "$work/restore.log"

# compiler_command NAME PROPERTIES...: builds with MSBuild and keeps the Csc task's command line:
# the compiler in NAME.csc, its arguments in NAME.rsp.
compiler_command() {
  local name="$1"
  shift
  local log="$work/$name.build.log"
  rm -rf "$work/obj/Debug" "$work/bin"
  dotnet build "$work/AnalyzerCost.csproj" --no-restore -nologo -tl:off -nodeReuse:false --disable-build-servers \
    -v:d "$@" > "$log" 2>&1 || fail "the $name build failed" "$log"
  local line
  # The library's own compile (the references may have been compiled in the same build).
  line="$(grep -m1 -E '^\s+\S+/csc(\.exe|\.dll)? /noconfig .*/out:obj/Debug/net10\.0/AnalyzerCost\.dll' "$log" || true)"
  [[ -n "$line" ]] || fail "no compiler command line in the $name build's log" "$log"
  line="${line#"${line%%[![:space:]]*}"}"
  echo "${line%% *}" > "$work/$name.csc"
  line="${line#* }"
  echo "${line#/noconfig }" > "$work/$name.rsp" # /noconfig goes on the command line (CS2023 in a response file)
}

# compile NAME [EXTRA...]: runs the compiler with NAME's arguments; prints "wall cpu" in seconds.
compile() {
  local name="$1"
  shift
  local csc timing
  csc="$(cat "$work/$name.csc")"
  rm -rf "$work/obj/Debug/net10.0/AnalyzerCost.dll" "$work/obj/Debug/net10.0/refint"
  mkdir -p "$work/obj/Debug/net10.0/refint"
  timing="$( { TIMEFORMAT='%R %U %S'; time (cd "$work" && "$csc" /noconfig "@$work/$name.rsp" "$@" > "$work/$name.out" 2>&1); } 2>&1 )" \
    || fail "the compiler failed ($name)" "$work/$name.out"
  awk '{ printf "%.1f %.1f\n", $1, $2 + $3 }' <<< "$timing"
}

compiler_command without -p:WithGoSharp=false
compiler_command with -p:WithGoSharp=true

declare -a rows=()
for ((r = 1; r <= rounds; r++)); do
  timing="$(compile without)"
  read -r without_wall without_cpu <<< "$timing"
  timing="$(compile with)"
  read -r with_wall with_cpu <<< "$timing"
  rows+=("round $r: without ${without_wall} s wall, ${without_cpu} s CPU; with ${with_wall} s wall, ${with_cpu} s CPU")
done
timing="$(compile without /reportanalyzer)"
cp "$work/without.out" "$work/without.report"
timing="$(compile with /reportanalyzer "/errorlog:$work/report.sarif;version=2.1")"
report="$work/with.out"
grep -q 'Total analyzer execution time' "$report" || fail "no analyzer report in the compiler's output" "$report"

echo "methods: $((files * 10)) ($((files * 5)) [Goroutine], $((files * 5)) plain) in $files files; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "compiler runs (without = the runtime alone; with = the generator and GoSharp's analyzers):"
printf '  %s\n' "${rows[@]}"
# The console shows no Info diagnostics (GOSH014): count them in the compiler's SARIF log.
echo "GoSharp diagnostics (a check that the rules had work):"
grep -oE '"ruleId": "GOSH[0-9]+"' "$work/report.sarif" | cut -d'"' -f4 | sort | uniq -c | sed 's/^ */  /' || echo "  none"
echo "the compiler's report (/reportanalyzer; times add up across threads):"
echo "  without GoSharp (the SDK's own analyzers):"
grep -E 'Total (analyzer|generator) execution time' "$work/without.report" | sed 's/^ */    /' || true
echo "  with GoSharp:"
grep -E 'Total (analyzer|generator) execution time' "$report" | sed 's/^ */    /' || true
# "   2.723   40   GoSharp.Analyzers, Version=..." and the indented per-analyzer lines below it.
grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+GoSharp\.' "$report" | sed 's/^ */  /' || true
if $keep; then echo "kept: $work"; fi
