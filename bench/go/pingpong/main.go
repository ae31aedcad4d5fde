// pingpong: the main goroutine sends an int on ping, an echo goroutine sends
// it back plus one on pong; n round trips over two unbuffered channels. Every
// hand-off parks one side and readies the other. The final value is n.
//
//	pingpong [n] [reps]
package main

import (
	"fmt"
	"time"

	"gosharp/bench/internal/cli"
)

func echo(ping <-chan int, pong chan<- int) {
	for v := range ping {
		pong <- v + 1
	}
	close(pong)
}

func main() {
	n, reps := cli.Args(1000000)
	for r := 0; r < reps; r++ {
		ping, pong := make(chan int), make(chan int)
		go echo(ping, pong)
		t0 := time.Now()
		v := 0
		for i := 0; i < n; i++ {
			ping <- v
			v = <-pong
		}
		el := time.Since(t0)
		close(ping)
		perTrip := 0.0
		if n > 0 {
			perTrip = float64(el.Nanoseconds()) / float64(n)
		}
		fmt.Printf("pingpong lang=go n=%d ms=%.1f ns_per_rt=%.0f v=%d\n", n, cli.Ms(el), perTrip, v)
	}
}
