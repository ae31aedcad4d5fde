#!/usr/bin/env bash
# Measures what GoSharp's analyzers and generator cost a build: generates a project of FILES files,
# each with 5 [Goroutine] methods and 5 plain methods (loops, channels, WaitGroups, calls from
# goroutine code into plain code, so the call-graph rule GOSH014 has work), then compiles it twice
# from scratch: with the generator and every analyzer (-p:ReportAnalyzer=true prints their times)
# and without them. Prints the analyzer, generator and Csc times.
# Usage: bench/analyzer-cost/run.sh [FILES]   (default 50 files = 500 methods)
set -euo pipefail
files="${1:-50}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat > "$work/Directory.Build.props" <<PROPS
<Project>
  <PropertyGroup>
    <GoSharpRepositoryUrl>https://github.com/gosharp/gosharp</GoSharpRepositoryUrl>
  </PropertyGroup>
</Project>
PROPS
echo '<Project />' > "$work/Directory.Build.targets"
cat > "$work/AnalyzerCost.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <OutputType>Library</OutputType>
    <NoWarn>\$(NoWarn);GOSH014</NoWarn>
    <WithGoSharp Condition="'\$(WithGoSharp)' == ''">true</WithGoSharp>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
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
  {
    echo "using GoSharp;"
    echo "using static GoSharp.Go;"
    echo "namespace Cost;"
    echo "public static partial class Unit$f"
    echo "{"
    for m in 0 1 2 3 4; do
      cat <<CS
    [Goroutine]
    public static long Pipeline$m(int n)
    {
        var results = new Chan<long>(n);
        var wg = new WaitGroup();
        for (int i = 0; i < n; i++)
        {
            wg.Add(1);
            go(() => Worker$m(i, wg, results));
        }
        wg.Wait();
        results.Close();
        long sum = 0;
        foreach (var r in results) sum += r;
        return sum + Plain$m(n);
    }

    [Goroutine]
    static void Worker$m(int i, WaitGroup wg, Chan<long> results)
    {
        using var _ = Defer(wg.Done);
        var (ctx, cancel) = Context.WithTimeout(Context.Background, TimeSpan.FromSeconds(1));
        using var __ = Defer(cancel);
        switch (Select(results.OnSend(Helper$m(i)), ctx.Done().OnReceive(out var _)))
        {
            case 0: break;
            case 1: return;
        }
    }

    static long Plain$m(int n)
    {
        long total = 0;
        for (int i = 0; i < n; i++) total += Helper$m(i);
        return total;
    }

    static long Helper$m(int i)
    {
        long x = i;
        for (int k = 0; k < 8; k++) x = x * 31 + k;
        return x;
    }

    public static string Describe$m(IEnumerable<int> values) => string.Join(",", values.Where(v => v % 2 == 0).Select(v => \$"v{v}"));

CS
    done
    echo "}"
  } > "$work/Unit$f.cs"
done

build() {
  dotnet build "$work/AnalyzerCost.csproj" --no-incremental -nologo -tl:off -nodeReuse:false --disable-build-servers \
    -v:d -clp:PerformanceSummary "$@" > "$work/build.log" 2>&1 || { tail -50 "$work/build.log"; exit 1; }
}

csc_ms() { grep -E '^\s+[0-9]+ ms\s+Csc\s' "$work/build.log" | awk '{print $1}' | tail -1; }

dotnet build "$work/AnalyzerCost.csproj" -nologo -tl:off -v:q > /dev/null # restore and build the references once
build -p:WithGoSharp=false
without=$(csc_ms)
build -p:WithGoSharp=true -p:ReportAnalyzer=true
with=$(csc_ms)
echo "methods: $((files * 10)) ($((files * 5)) [Goroutine], $((files * 5)) plain) in $files files"
grep -E 'Total (analyzer|generator) execution time' "$work/build.log" | sed 's/^ *//' | sort -u
grep -E '^\s+[0-9.<]+ +[0-9]+ +GoSharp\.' "$work/build.log" | sed 's/^ *//' | sort -u | head -40 || true
echo "Csc without generator and analyzers: ${without} ms"
echo "Csc with generator and analyzers:    ${with} ms"
