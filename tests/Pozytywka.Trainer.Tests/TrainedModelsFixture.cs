using Pozytywka.Listening.Features;
using Pozytywka.Trainer.Synthetic;
using Pozytywka.Trainer.Training;
using Pozytywka.Trainer.Runs;

namespace Pozytywka.Trainer.Tests;

/// <summary>One generated export with planted effects and a bundle of each feature set trained on it, shared by the tests.</summary>
public sealed class TrainedModelsFixture
{
    public static readonly TrainingOptions Options = new(Epochs: 15, Seed: 7, Device: "cpu");

    public TrainedModelsFixture()
    {
        Export = TestPaths.NewTempDirectory();
        ExportGenerator.Generate(new GeneratorOptions(Export, Users: 40, Sessions: 700, Seed: 31, Faults: false));
        Models = TestPaths.NewTempDirectory();
        Simple = TrainingRun.Run(Export, FeatureSet.Simple, Models, Options, version: "v1");
        Advanced = TrainingRun.Run(Export, FeatureSet.Advanced, Models, Options, version: "v1");
        AdvancedV1 = TrainingRun.Run(Export, FeatureSet.AdvancedV1, Models, Options, version: "v1");
    }

    public string Export { get; }
    public string Models { get; }
    public TrainedBundle Simple { get; }
    public TrainedBundle Advanced { get; }
    public TrainedBundle AdvancedV1 { get; }
}
