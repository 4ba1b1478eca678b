namespace Pozytywka.Trainer.Synthetic;

/// <summary>A seeded source of the draws the generator needs; the same seed gives the same export.</summary>
public sealed class SyntheticRandom(int seed)
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private readonly Random _random = new(seed);

    public double Uniform() => _random.NextDouble();

    public double Uniform(double min, double max) => min + (max - min) * _random.NextDouble();

    public int Below(int maxExclusive) => _random.Next(maxExclusive);

    public int Between(int min, int maxExclusive) => _random.Next(min, maxExclusive);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public double Normal(double mean, double std)
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return mean + std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public double Exponential(double mean) => -mean * Math.Log(1.0 - _random.NextDouble());

    /// <summary>A Spotify-like 22-character base62 id.</summary>
    public string Id()
    {
        Span<char> id = stackalloc char[22];
        for (var i = 0; i < id.Length; i++)
            id[i] = Base62[_random.Next(Base62.Length)];
        return new string(id);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
