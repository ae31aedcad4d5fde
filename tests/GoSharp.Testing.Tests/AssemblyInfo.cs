// Bubbles are independent of each other and of the rest of the runtime (IsolationTests runs a
// workload beside one on purpose), but some tests count the process's goroutines or watch a
// bubble from a plain thread: run the tests of this assembly one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
