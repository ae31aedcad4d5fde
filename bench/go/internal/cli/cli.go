// Package cli holds what the eight workload programs share: the command line
// (<program> [size] [reps]) and the millisecond figures they print.
package cli

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// Args returns the workload size (def when absent) and the repetition count
// (1 when absent). With reps > 1 a program runs its workload reps times in one
// process and prints one line per repetition, so later lines are warm figures.
// A malformed argument ends the program with exit code 2 and a usage line.
func Args(def int) (size, reps int) {
	size, reps = def, 1
	if len(os.Args) > 1 {
		size = parse(os.Args[1], "size")
	}
	if len(os.Args) > 2 {
		reps = parse(os.Args[2], "reps")
	}
	return size, reps
}

func parse(s, what string) int {
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		fmt.Fprintf(os.Stderr, "usage: %s [size] [reps]: %s must be a non-negative integer, got %q\n", os.Args[0], what, s)
		os.Exit(2)
	}
	return v
}

// Ms is d in milliseconds, with the fraction kept.
func Ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
