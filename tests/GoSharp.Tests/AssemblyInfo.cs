// The scheduler is process-wide and several tests change GOMAXPROCS or measure CPU time and
// thread counts: run the tests of this assembly one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
