// skynet: a 10-ary tree of goroutines with size leaves (1,111,111 goroutines
// for the default million). A leaf sends its own number to its parent; a
// parent starts its ten children, adds up what they send on its unbuffered
// channel, and sends the total up. The root's total is the checksum.
//
//	skynet [size] [reps]
package main

import (
	"fmt"
	"time"

	"gosharp/bench/internal/cli"
)

func node(up chan<- int, first, leaves int) {
	if leaves == 1 {
		up <- first
		return
	}
	children := make(chan int)
	step := leaves / 10
	for k := 0; k < 10; k++ {
		go node(children, first+k*step, step)
	}
	total := 0
	for k := 0; k < 10; k++ {
		total += <-children
	}
	up <- total
}

func main() {
	size, reps := cli.Args(1000000)
	for r := 0; r < reps; r++ {
		t0 := time.Now()
		root := make(chan int)
		go node(root, 0, size)
		sum := <-root
		fmt.Printf("skynet lang=go n=%d ms=%.1f sum=%d\n", size, cli.Ms(time.Since(t0)), sum)
	}
}
