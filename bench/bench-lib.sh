# What bench/compare.sh and bench/jit-settings.sh share; sourced by them, with BENCH (this folder)
# and OUT (the run's output folder) set.

# install_tools: installs Go, GNU time, clang and zlib1g-dev (the NativeAOT link) with apt-get
# when missing, and gives Go a build cache when there is no HOME.
install_tools() {
  local missing=()
  command -v go >/dev/null 2>&1 || missing+=(golang-go)
  [ -x /usr/bin/time ] || missing+=(time)
  command -v clang >/dev/null 2>&1 || missing+=(clang)
  [ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} with apt-get" >&2
    local sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq >&2
    $sudo apt-get install -y -qq "${missing[@]}" >&2
  fi
  # go needs a build cache; without HOME it has nowhere to put it
  [ -n "${HOME:-}" ] || export GOCACHE=${GOCACHE:-$BENCH/out/go-cache}
}

# build_go WORKLOAD...: builds bench/go/<workload> into bench/out/go/<workload>
build_go() {
  mkdir -p "$BENCH/out/go"
  local w
  for w in "$@"; do (cd "$BENCH/go" && go build -o "../out/go/$w" "./$w"); done
}

# build LOG dotnet-args...: a Release build or publish, quiet unless it fails
build() {
  local log=$OUT/$1
  shift
  dotnet "$@" -c Release -nologo >"$log" 2>&1 || { cat "$log" >&2; echo "build failed: dotnet $*" >&2; exit 1; }
}
