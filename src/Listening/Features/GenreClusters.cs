namespace Pozytywka.Listening.Features;

/// <summary>
/// Genres grouped by their words, as the original analysis did: each genre is a TF-IDF vector over genre words
/// ("polish rock" → polish, rock), k-means groups the vectors, and a genre never seen before still lands in the
/// cluster nearest to its known words. Serialized into a model bundle as-is.
/// </summary>
public sealed class GenreClusters
{
    private const int Iterations = 50;
    private readonly Dictionary<string, int> _memo = new(StringComparer.Ordinal);
    private List<string>? _vocabulary;

    public required Dictionary<string, double> WordIdf { get; init; }
    public required double[][] Centroids { get; init; }

    public int Count => Centroids.Length;

    public static GenreClusters Fit(IEnumerable<string> genres, int clusters, int seed)
    {
        var documents = genres.Select(Normalize).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var documentFrequency = documents.SelectMany(d => Words(d).Distinct()).GroupBy(w => w, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var idf = documentFrequency.ToDictionary(p => p.Key, p => Math.Log((1.0 + documents.Count) / (1.0 + p.Value)) + 1, StringComparer.Ordinal);
        var vocabulary = idf.Keys.Order(StringComparer.Ordinal).ToList();
        var shell = new GenreClusters { WordIdf = idf, Centroids = [] };
        var vectors = documents.Select(d => shell.Vector(d, vocabulary)).ToList();
        var k = Math.Max(1, Math.Min(clusters, vectors.Count));
        var centroids = vectors.Count == 0 ? [new double[Math.Max(1, vocabulary.Count)]] : KMeans(vectors, k, new Random(seed));
        return new GenreClusters { WordIdf = idf, Centroids = centroids };
    }

    /// <summary>The cluster of a genre; unknown words are ignored, a genre with none maps to cluster 0.</summary>
    public int ClusterOf(string genre)
    {
        // Memoized by the genre as written too, so a genre seen before costs one lookup and no normalizing.
        lock (_memo)
        {
            if (_memo.TryGetValue(genre, out var known))
                return known;
            var normalized = Normalize(genre);
            if (!_memo.TryGetValue(normalized, out var cluster))
            {
                _vocabulary ??= WordIdf.Keys.Order(StringComparer.Ordinal).ToList();
                cluster = _memo[normalized] = Nearest(Vector(normalized, _vocabulary), Centroids);
            }
            return _memo[genre] = cluster;
        }
    }

    private double[] Vector(string genre, List<string> vocabulary)
    {
        var vector = new double[vocabulary.Count];
        foreach (var word in Words(genre))
        {
            var index = vocabulary.BinarySearch(word, StringComparer.Ordinal);
            if (index >= 0)
                vector[index] += WordIdf[word];
        }
        var norm = Math.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
                vector[i] /= norm;
        }
        return vector;
    }

    private static double[][] KMeans(List<double[]> vectors, int k, Random random)
    {
        // k-means++ seeding, then Lloyd iterations; the seed makes it reproducible.
        var centroids = new List<double[]> { vectors[random.Next(vectors.Count)] };
        while (centroids.Count < k)
        {
            var distances = vectors.Select(v => centroids.Min(c => Distance(v, c))).ToArray();
            var total = distances.Sum();
            var target = random.NextDouble() * total;
            var chosen = 0;
            for (var acc = 0.0; chosen < distances.Length - 1 && (acc += distances[chosen]) < target; chosen++)
            {
            }
            centroids.Add(vectors[chosen]);
        }
        var result = centroids.Select(c => (double[])c.Clone()).ToArray();
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var assignment = vectors.Select(v => Nearest(v, result)).ToArray();
            for (var c = 0; c < k; c++)
            {
                var members = vectors.Where((_, i) => assignment[i] == c).ToList();
                if (members.Count == 0)
                    continue;
                result[c] = Enumerable.Range(0, result[c].Length).Select(d => members.Average(m => m[d])).ToArray();
            }
        }
        return result;
    }

    private static int Nearest(double[] vector, double[][] centroids)
    {
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var c = 0; c < centroids.Length; c++)
        {
            var distance = Distance(vector, centroids[c]);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }

    private static double Distance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        return sum;
    }

    private static string Normalize(string genre) => genre.Trim().ToLowerInvariant();

    private static string[] Words(string genre) =>
        genre.Split([' ', '-', '&', '/'], StringSplitOptions.RemoveEmptyEntries);
}
