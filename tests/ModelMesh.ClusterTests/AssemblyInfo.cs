// Each test starts its own cluster of processes; on a 2-core machine they must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
