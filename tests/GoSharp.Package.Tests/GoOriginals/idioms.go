// The Go original of UserIdiomTests' program (errgroup with SetLimit spelled with the
// standard library). `go run idioms.go` prints the lines the test expects.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

func idioms(n int) []string {
	lines := []string{}
	numbers := make(chan int, n)
	for i := 1; i <= n; i++ {
		numbers <- i * 10
	}
	select {
	case first := <-numbers:
		lines = append(lines, fmt.Sprintf("first=%d", first))
	default:
	}
	select {
	case <-numbers:
	default:
	}
	a := <-numbers
	b := <-numbers
	lines = append(lines, fmt.Sprintf("next=%d [%4d] %03d", a, b, n))
	close(numbers)
	zero, ok := <-numbers
	lines = append(lines, fmt.Sprintf("closed: %d %v", zero, ok))

	results := make(chan string, n)
	for i := 0; i < n; i++ {
		go square(i, results)
	}
	squares := []string{}
	for i := 0; i < n; i++ {
		squares = append(squares, <-results)
	}
	sort.Strings(squares)
	lines = append(lines, strings.Join(squares, ","))

	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := 1; i <= n; i++ {
		k := i
		wg.Add(1)
		go func() { defer wg.Done(); mu.Lock(); total += k; mu.Unlock() }()
	}
	wg.Wait()
	lines = append(lines, fmt.Sprintf("total=%03d", total))

	// errgroup with SetLimit(2), spelled with the standard library
	sem := make(chan struct{}, 2)
	var once sync.Once
	var firstErr error
	var g sync.WaitGroup
	for i := 0; i < n; i++ {
		k := i
		sem <- struct{}{}
		g.Add(1)
		go func() {
			defer func() { <-sem; g.Done() }()
			time.Sleep(time.Millisecond)
			if k == 2 {
				once.Do(func() { firstErr = fmt.Errorf("job %d failed", k) })
			}
		}()
	}
	g.Wait()
	lines = append(lines, fmt.Sprintf("errgroup: %v", firstErr))

	never := make(chan int)
	select {
	case <-never:
		lines = append(lines, "received from a channel nobody sends on")
	case <-time.After(5 * time.Millisecond):
		lines = append(lines, "timed out")
	}
	select {
	case <-never:
		lines = append(lines, "received from a channel nobody sends on")
	default:
		lines = append(lines, "nothing ready")
	}

	buffer := make([]byte, 2)
	bytes := make(chan byte, 1)
	bytes <- 42
	buffer[1] = <-bytes
	lines = append(lines, fmt.Sprintf("buffer=%d,%d", buffer[0], buffer[1]))

	counts := make(chan int)
	go count(3, counts)
	seen := []string{}
	for c := range counts {
		seen = append(seen, fmt.Sprint(c))
	}
	lines = append(lines, "range: "+strings.Join(seen, " "))
	return lines
}

func square(i int, results chan<- string) { results <- fmt.Sprintf("%d:%d", i, i*i) }

func count(n int, counts chan<- int) {
	for i := 1; i <= n; i++ {
		counts <- i
	}
	close(counts)
}

func main() {
	for _, l := range idioms(4) {
		fmt.Println(l)
	}
}
