using Pozytywka.StreamProcessor.Scoring;

namespace Pozytywka.StreamProcessor.Api;

/// <summary>The prediction API's limits, its A/B experiment and the key that guards model promotion.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Items one <c>POST /api/predict/batch</c> may carry.</summary>
    public int MaxBatchItems { get; set; } = 100;

    /// <summary>Largest request body accepted; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Favourite genres one request may list.</summary>
    public int MaxFavouriteGenres { get; set; } = 50;

    /// <summary>Required in the <c>X-Api-Key</c> header to promote a model version and to report outcomes; empty disables both.</summary>
    public string AdminApiKey { get; set; } = "";

    /// <summary>How long a prediction or a reported outcome may wait for the broker to acknowledge its log record before the request gets 503.</summary>
    public TimeSpan PredictionLogTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The experiment behind <c>POST /api/predict/random</c>.</summary>
    public string ExperimentId { get; set; } = "http-ab";

    /// <summary>Its variants; empty means A = advanced and B = simple, half the listeners each.</summary>
    public List<VariantOptions> Variants { get; set; } = [];

    public IReadOnlyList<VariantOptions> EffectiveVariants => Variants.Count > 0 ? Variants :
    [
        new VariantOptions { Name = "A", Model = "advanced", Weight = 1 },
        new VariantOptions { Name = "B", Model = "simple", Weight = 1 },
    ];
}
