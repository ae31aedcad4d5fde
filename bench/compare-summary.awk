# Summary table of compare.sh: reads its raw lines (one per repetition:
# "row=... round=... impl=... rep=... final=0|1 <program's line> wall_s=... maxrss_kb=...")
# and prints medians over the rounds. Variables: rows (workloads), impls ("go task jit aot"),
# reps (repetitions per process). A line starting with "!! " means a failed check.

function median(key,   n, i, j, t, a) {
  n = cnt[key]
  if (n == 0) return ""
  for (i = 1; i <= n; i++) a[i] = val[key, i] + 0
  for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function num(x) { return x == "" ? "-" : (x >= 100 ? sprintf("%.0f", x) : sprintf("%.2f", x)) }
function ratio(a, b) { return (a == "" || b == "" || b <= 0) ? "-" : sprintf("%.2fx", a / b) }
function mb(kb) { return kb == "" ? "-" : sprintf("%.0f", kb / 1024) }
function add(key, v) { cnt[key]++; val[key, cnt[key]] = v }

# row | figure | Go | Task | JIT | AOT | JIT/Go | JIT/Task | AOT/Go | AOT/Task | peak RSS | check
function line(label, what, f, rss, check) {
  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", label, what,
    num(f["go"]), num(f["task"]), num(f["jit"]), num(f["aot"]),
    ratio(f["jit"], f["go"]), ratio(f["jit"], f["task"]), ratio(f["aot"], f["go"]), ratio(f["aot"], f["task"]), rss, check
}

BEGIN {
  fig["skynet"] = "ms"; fig["spawn"] = "ms"; fig["pingpong"] = "ns_per_rt"; fig["sieve"] = "ms"
  fig["prodcons"] = "ms"; fig["sleepers"] = "ms"; fig["hog"] = "worst_tick_gap_ms"
  what["skynet"] = "ms"; what["spawn"] = "ms"; what["pingpong"] = "ns per round trip"; what["sieve"] = "ms"
  what["prodcons"] = "ms"; what["sleepers"] = "ms"; what["hog"] = "worst tick gap, ms"
  # the value every implementation must print alike; n where a workload has no checksum
  chk["skynet"] = "sum"; chk["prodcons"] = "sum"; chk["sieve"] = "last"; chk["pingpong"] = "v"
  chk["spawn"] = "n"; chk["sleepers"] = "n"; chk["parked"] = "n"
  ni = split(impls, I, " ")
}

{
  delete kv
  for (i = 1; i <= NF; i++) { p = index($i, "="); if (p > 1) kv[substr($i, 1, p - 1)] = substr($i, p + 1) }
  row = kv["row"]; impl = kv["impl"]
  if ($0 ~ / FAILED /) { failed[row] = 1; next }
  w = row; sub(/-empty$/, "", w)
  if (kv["rep"] == 1) add(row SUBSEP impl SUBSEP "rss", kv["maxrss_kb"])
  if (row == "parked" || row == "parked-empty") add(row SUBSEP impl SUBSEP "n", kv["n"])
  if (w in fig) {
    if (kv["rep"] == 1) add(w SUBSEP impl SUBSEP "cold", kv[fig[w]])
    if (kv["final"] == 1 && reps > 1) add(w SUBSEP impl SUBSEP "warm", kv[fig[w]])
  }
  if ((w in chk) && row != "parked-empty") {
    c = chk[w] "=" kv[chk[w]]
    if (!((w, c) in seen)) { seen[w, c] = 1; nseen[w]++; vals[w] = vals[w] (vals[w] == "" ? "" : ", ") c }
    if (!((w, impl, c) in by)) { by[w, impl, c] = 1; byimpl[w] = byimpl[w] " " impl ":" c }
  }
}

END {
  warm = reps > 1 ? "; warm: repetition " reps " in the same process" : " (REPS=1: no warm rows)"
  print "Medians over the rounds. Cold: the first repetition in a fresh process" warm ". Ratios above 1: GoSharp slower or bigger. Peak RSS (MB, GNU time) is the whole process, Go / Task / JIT / AOT."
  print ""
  print "| workload | figure | Go | Task+Channels | GoSharp JIT | GoSharp AOT | JIT/Go | JIT/Task | AOT/Go | AOT/Task | peak RSS MB | check |"
  print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
  nr = split(rows, R, " ")
  for (r = 1; r <= nr; r++) {
    w = R[r]
    check = !(w in chk) ? "-" : (nseen[w] == 1 ? vals[w] : "MISMATCH")
    if (w in failed || (w "-empty") in failed) check = "FAILED"
    delete f
    rss = ""
    for (i = 1; i <= ni; i++) rss = rss (i > 1 ? " / " : "") mb(median(w SUBSEP I[i] SUBSEP "rss"))
    if (w == "parked") {
      # bytes per parked goroutine: (peak RSS with n parked - peak RSS of the n = 0 run) / n
      for (i = 1; i <= ni; i++) {
        full = median("parked" SUBSEP I[i] SUBSEP "rss"); empty = median("parked-empty" SUBSEP I[i] SUBSEP "rss")
        n = median("parked" SUBSEP I[i] SUBSEP "n")
        f[I[i]] = (full == "" || empty == "" || n == "" || n == 0) ? "" : (full - empty) * 1024 / n
      }
      line("parked", "bytes per parked goroutine", f, rss, check)
      delete f
      erss = ""
      for (i = 1; i <= ni; i++) {
        f[I[i]] = median("parked-empty" SUBSEP I[i] SUBSEP "rss") / 1024
        erss = erss (i > 1 ? " / " : "") mb(median("parked-empty" SUBSEP I[i] SUBSEP "rss"))
      }
      line("parked, n=0", "peak RSS MB (subtracted above)", f, erss, "-")
      continue
    }
    for (i = 1; i <= ni; i++) f[I[i]] = median(w SUBSEP I[i] SUBSEP "cold")
    line(w, what[w] ", cold", f, rss, check)
    if (reps > 1) {
      delete f
      for (i = 1; i <= ni; i++) f[I[i]] = median(w SUBSEP I[i] SUBSEP "warm")
      line(w, what[w] ", warm", f, "(same processes)", check)
    }
  }
  bad = 0
  for (r = 1; r <= nr; r++) {
    w = R[r]
    if ((w in nseen) && nseen[w] > 1) { if (!bad++) print ""; print "!! CHECKSUM MISMATCH in " w ":" byimpl[w] }
    if (w in failed || (w "-empty") in failed) { if (!bad++) print ""; print "!! FAILED runs in " w " (see the raw lines)" }
  }
}
