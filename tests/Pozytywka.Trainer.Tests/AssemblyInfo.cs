// Training seeds libtorch's process-wide random generator, so two trainings running at once would make each
// other's results depend on timing: the same seed must give the same bundle. These tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
