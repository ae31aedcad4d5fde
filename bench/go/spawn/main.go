// spawn: start n goroutines that do nothing but wg.Done, then wait for all of
// them: the cost of creating, scheduling and finishing a goroutine.
//
//	spawn [n] [reps]
package main

import (
	"fmt"
	"sync"
	"time"

	"gosharp/bench/internal/cli"
)

func main() {
	n, reps := cli.Args(1000000)
	for r := 0; r < reps; r++ {
		t0 := time.Now()
		var wg sync.WaitGroup
		wg.Add(n)
		for i := 0; i < n; i++ {
			go func() { wg.Done() }()
		}
		wg.Wait()
		ms := cli.Ms(time.Since(t0))
		fmt.Printf("spawn lang=go n=%d ms=%.1f ns_per_spawn=%.0f\n", n, ms, ms*1e6/float64(max1(n)))
	}
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}
