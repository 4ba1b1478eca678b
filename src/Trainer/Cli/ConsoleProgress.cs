namespace Pozytywka.Trainer.Cli;

/// <summary>Progress on stderr: a bar for fractions, a line for steps; stdout stays for results.</summary>
public sealed class ConsoleProgress(string label) : IProgress<double>, IProgress<string>
{
    private const int Width = 30;
    private readonly int _step = Console.IsErrorRedirected ? 10 : 1;
    private int _lastPercent = -1;

    public void Report(double fraction)
    {
        var percent = (int)Math.Round(Math.Clamp(fraction, 0, 1) * 100) / _step * _step;
        if (percent == _lastPercent)
            return;
        _lastPercent = percent;
        var filled = percent * Width / 100;
        Console.Error.Write($"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%");
        if (percent == 100)
            Console.Error.WriteLine();
    }

    public void Report(string step) => Console.Error.WriteLine($"{label}: {step}");
}
