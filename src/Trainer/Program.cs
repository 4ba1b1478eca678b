using System.CommandLine;
using Pozytywka.Trainer.Cli;

var root = new RootCommand("Pozytywka Skip offline tools: analyze and generate exports, train and evaluate models")
{
    AnalyzeCommand.Create(),
    GenerateCommand.Create(),
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    ReportCommand.Create(),
    SimulateCacheCommand.Create(),
    DemoCommand.Create(),
};
return root.Parse(args).Invoke();
