// prodcons: 4 producers send the ints 0..n-1 (a quarter each) into one
// channel of capacity 128; 4 consumers range over it and add up what they
// get. The total, n(n-1)/2, is the checksum.
//
//	prodcons [n] [reps]
package main

import (
	"fmt"
	"sync"
	"time"

	"gosharp/bench/internal/cli"
)

const (
	producers = 4
	consumers = 4
	capacity  = 128
	pad       = 8 // int64s between two consumers' sums: one cache line, no false sharing
)

func main() {
	n, reps := cli.Args(10000000)
	for r := 0; r < reps; r++ {
		run(n)
	}
}

func run(n int) {
	t0 := time.Now()
	ch := make(chan int, capacity)
	share := n / producers
	var sent, drained sync.WaitGroup
	sent.Add(producers)
	for p := 0; p < producers; p++ {
		go func(from, to int) {
			for i := from; i < to; i++ {
				ch <- i
			}
			sent.Done()
		}(p*share, (p+1)*share)
	}
	sums := make([]int64, consumers*pad)
	drained.Add(consumers)
	for c := 0; c < consumers; c++ {
		go func(slot *int64) {
			var s int64
			for v := range ch {
				s += int64(v)
			}
			*slot = s
			drained.Done()
		}(&sums[c*pad])
	}
	sent.Wait()
	close(ch)
	drained.Wait()
	var sum int64
	for c := 0; c < consumers; c++ {
		sum += sums[c*pad]
	}
	items := producers * share
	ms := cli.Ms(time.Since(t0))
	perItem := 0.0
	if items > 0 {
		perItem = ms * 1e6 / float64(items)
	}
	fmt.Printf("prodcons lang=go n=%d ms=%.1f ns_per_item=%.1f sum=%d\n", items, ms, perItem, sum)
}
