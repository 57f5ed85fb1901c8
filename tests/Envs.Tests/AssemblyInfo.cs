// The allocation tests count every byte the process allocates (worker threads included), so no other test
// may run beside them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
