// Each test class runs a whole cluster with the real ONNX Runtime; running them one at a time keeps loads,
// RSS-based size measurements and the 2-core CI machines free of interference between tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
