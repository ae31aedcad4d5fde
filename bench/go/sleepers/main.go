// sleepers: n goroutines each sleep 500 ms and then call wg.Done; the figure
// is the wall time until the last one is done (500 ms is the floor).
//
//	sleepers [n] [reps]
package main

import (
	"fmt"
	"sync"
	"time"

	"gosharp/bench/internal/cli"
)

const nap = 500 * time.Millisecond

func main() {
	n, reps := cli.Args(100000)
	for r := 0; r < reps; r++ {
		t0 := time.Now()
		var wg sync.WaitGroup
		wg.Add(n)
		for i := 0; i < n; i++ {
			go func() {
				time.Sleep(nap)
				wg.Done()
			}()
		}
		spawnMs := cli.Ms(time.Since(t0))
		wg.Wait()
		fmt.Printf("sleepers lang=go n=%d ms=%.1f spawn_ms=%.1f\n", n, cli.Ms(time.Since(t0)), spawnMs)
	}
}
