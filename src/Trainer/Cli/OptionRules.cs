using System.CommandLine;

namespace Pozytywka.Trainer.Cli;

/// <summary>Checks on option values, run when the option is given (its default needs none).</summary>
public static class OptionRules
{
    public static Option<int> AtLeastOne(this Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
                result.AddError($"{option.Name} must be at least 1");
        });
        return option;
    }

    public static Option<double> Positive(this Option<double> option)
    {
        option.Validators.Add(result =>
        {
            if (!(result.GetValueOrDefault<double>() > 0))
                result.AddError($"{option.Name} must be greater than 0");
        });
        return option;
    }
}
