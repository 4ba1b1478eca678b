using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Pozytywka.StreamProcessor.Experiments;

/// <summary>
/// Deterministic variant assignment: a hash of (experiment id, unit id) placed into the variants' cumulative
/// weights. The same listener always lands in the same variant of an experiment, on any host and after any
/// restart, and a new experiment id reshuffles everyone independently of the last one.
/// </summary>
public static class StickyAssignment
{
    public static int Choose(string experimentId, string unitId, IReadOnlyList<double> weights)
    {
        if (weights.Count == 0)
            throw new ArgumentException("an experiment needs at least one variant", nameof(weights));
        var total = weights.Sum();
        var point = UnitInterval(experimentId, unitId) * total;
        var cumulative = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            cumulative += weights[i];
            if (point < cumulative)
                return i;
        }
        return weights.Count - 1;
    }

    /// <summary>A uniform point in [0, 1) from the first 53 bits of SHA-256("experiment:unit").</summary>
    private static double UnitInterval(string experimentId, string unitId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{experimentId}:{unitId}"), hash);
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) / (double)(1UL << 53);
    }
}
