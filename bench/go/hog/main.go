// hog: run with GOMAXPROCS=1. One goroutine spins in a loop without calls
// (no cooperative preemption point) for about hog_ms milliseconds, the
// iteration count calibrated first; another sleeps 1 ms in a loop and records
// the longest gap between two of its wake-ups. Only preemption of the spinning
// loop keeps that gap short.
//
//	GOMAXPROCS=1 hog [hog_ms] [reps]
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	"gosharp/bench/internal/cli"
)

var sink uint64

// spin runs iters rounds of xorshift64; the loop body has no calls.
//
//go:noinline
func spin(iters uint64) uint64 {
	x := uint64(88172645463325252)
	for i := uint64(0); i < iters; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

func main() {
	hogMs, reps := cli.Args(2000)
	for r := 0; r < reps; r++ {
		run(hogMs)
	}
}

func run(hogMs int) {
	const calibration = 200000000
	sink += spin(calibration / 10) // warm up
	t0 := time.Now()
	sink += spin(calibration)
	perMs := float64(calibration) / cli.Ms(time.Since(t0))
	iters := uint64(perMs * float64(hogMs))

	var stop int32
	var ticks int64
	var worst time.Duration
	started, tickerDone := make(chan struct{}), make(chan struct{})
	go func() {
		last := time.Now()
		close(started)
		for atomic.LoadInt32(&stop) == 0 {
			time.Sleep(time.Millisecond)
			now := time.Now()
			if gap := now.Sub(last); gap > worst {
				worst = gap
			}
			last = now
			ticks++
		}
		close(tickerDone)
	}()
	<-started
	hogDone := make(chan int64)
	go func() {
		h0 := time.Now()
		sink += spin(iters)
		hogDone <- time.Since(h0).Milliseconds()
	}()
	hogActual := <-hogDone
	atomic.StoreInt32(&stop, 1)
	<-tickerDone
	fmt.Printf("hog lang=go gomaxprocs=%d hog_ms=%d ticks=%d worst_tick_gap_ms=%.2f\n",
		runtime.GOMAXPROCS(0), hogActual, ticks, cli.Ms(worst))
}
