// Each test drives whole commands (training, an embedded Kafka, an HTTP server) on a 2-core machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: AssemblyFixture(typeof(Pozytywka.Commands.Tests.Workspace.RunCleanup))]
