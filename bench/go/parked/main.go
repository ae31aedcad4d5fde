// parked: n goroutines all block receiving from one unbuffered channel. When
// every one has started (plus a 100 ms pause for the last ones to park) the
// program reads its own VmRSS, then closes the channel and waits for all.
// The figure compared is the peak RSS of the whole process, measured from
// outside; n = 0 is the empty run subtracted from it.
//
//	parked [n] [reps]
package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gosharp/bench/internal/cli"
)

// vmRSSKB reads VmRSS from /proc/self/status (-1 when it cannot).
func vmRSSKB() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, "VmRSS:") {
			kb, err := strconv.ParseInt(strings.Fields(line[len("VmRSS:"):])[0], 10, 64)
			if err != nil {
				return -1
			}
			return kb
		}
	}
	return -1
}

func main() {
	n, reps := cli.Args(1000000)
	for r := 0; r < reps; r++ {
		run(n)
	}
}

func run(n int) {
	startKB := vmRSSKB()
	t0 := time.Now()
	gate := make(chan int)
	var wg sync.WaitGroup
	var running int64
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			atomic.AddInt64(&running, 1)
			<-gate
			wg.Done()
		}()
	}
	for atomic.LoadInt64(&running) < int64(n) {
		runtime.Gosched()
	}
	time.Sleep(100 * time.Millisecond)
	parkMs := cli.Ms(time.Since(t0))
	parkedKB := vmRSSKB()
	goroutines := runtime.NumGoroutine()
	close(gate)
	wg.Wait()
	ms := cli.Ms(time.Since(t0))
	perGoroutine := 0.0
	if n > 0 {
		perGoroutine = float64(parkedKB-startKB) * 1024 / float64(n)
	}
	fmt.Printf("parked lang=go n=%d park_ms=%.1f ms=%.1f rss_start_kb=%d rss_parked_kb=%d inproc_bytes_per=%.0f goroutines=%d\n",
		n, parkMs, ms, startKB, parkedKB, perGoroutine, goroutines)
}
