// sieve: the concurrent prime sieve from the Go tour. A generator sends 2, 3,
// 4, ... down a chain of unbuffered channels; each prime found adds a filter
// goroutine that passes on what its prime does not divide. The n-th prime is
// the checksum. As in the original, the chain is left parked at the end.
//
//	sieve [n] [reps]
package main

import (
	"fmt"
	"time"

	"gosharp/bench/internal/cli"
)

func generate(out chan<- int) {
	for i := 2; ; i++ {
		out <- i
	}
}

func filter(in <-chan int, out chan<- int, prime int) {
	for {
		if v := <-in; v%prime != 0 {
			out <- v
		}
	}
}

func main() {
	n, reps := cli.Args(3000)
	for r := 0; r < reps; r++ {
		t0 := time.Now()
		head := make(chan int)
		go generate(head)
		prime := 0
		for i := 0; i < n; i++ {
			prime = <-head
			next := make(chan int)
			go filter(head, next, prime)
			head = next
		}
		fmt.Printf("sieve lang=go n=%d ms=%.1f last=%d\n", n, cli.Ms(time.Since(t0)), prime)
	}
}
