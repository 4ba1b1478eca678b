namespace Pozytywka.Trainer.Training;

/// <summary>
/// SMOTE, as the original service balanced its classes: synthetic minority rows on the segment between a
/// minority row and one of its k nearest minority neighbours, until both classes are equally many.
/// </summary>
public static class Smote
{
    private const int Neighbours = 5;

    public static (float[] X, long[] Y) Balance(float[] x, long[] y, int width, int seed)
    {
        var minorityLabel = y.Count(v => v == 1) <= y.Length / 2 ? 1L : 0L;
        var minority = Enumerable.Range(0, y.Length).Where(i => y[i] == minorityLabel).ToArray();
        var needed = y.Length - 2 * minority.Length;
        if (needed <= 0 || minority.Length < 2)
            return (x, y);

        var neighbours = minority.Select(i => NearestNeighbours(x, width, i, minority)).ToArray();
        var random = new Random(seed);
        var newX = new float[x.Length + needed * width];
        var newY = new long[y.Length + needed];
        Array.Copy(x, newX, x.Length);
        Array.Copy(y, newY, y.Length);
        for (var n = 0; n < needed; n++)
        {
            var pick = random.Next(minority.Length);
            var from = minority[pick];
            var to = neighbours[pick][random.Next(neighbours[pick].Length)];
            var gap = (float)random.NextDouble();
            var row = y.Length + n;
            for (var f = 0; f < width; f++)
                newX[row * width + f] = x[from * width + f] + gap * (x[to * width + f] - x[from * width + f]);
            newY[row] = minorityLabel;
        }
        return (newX, newY);
    }

    private static int[] NearestNeighbours(float[] x, int width, int row, int[] candidates) =>
        candidates.Where(c => c != row)
            .Select(c => (c, Distance: SquaredDistance(x, width, row, c)))
            .OrderBy(p => p.Distance).ThenBy(p => p.c)
            .Take(Neighbours).Select(p => p.c).ToArray();

    private static float SquaredDistance(float[] x, int width, int a, int b)
    {
        float sum = 0;
        for (var f = 0; f < width; f++)
        {
            var d = x[a * width + f] - x[b * width + f];
            sum += d * d;
        }
        return sum;
    }
}
