using System.Buffers;
using System.IO.Compression;

namespace Pozytywka.Listening.Exports;

/// <summary>One line of a JSON Lines file; <see cref="Bytes"/> is valid only until the next line is read.</summary>
public readonly record struct JsonLine(long Number, ReadOnlyMemory<byte> Bytes);

/// <summary>Streams the lines of a <c>.jsonl</c> or gzip-compressed <c>.jsonl.gz</c> file without decoding them.</summary>
public static class JsonLines
{
    private const int InitialBufferSize = 1 << 16;

    public static IEnumerable<JsonLine> Read(string path)
    {
        using var file = File.OpenRead(path);
        using var stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        foreach (var line in Read(stream))
            yield return line;
    }

    public static IEnumerable<JsonLine> Read(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            int start = 0, end = 0;
            long number = 0;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    number++;
                    var line = TrimLine(buffer.AsMemory(start, newline));
                    start += newline + 1;
                    if (!line.IsEmpty)
                        yield return new JsonLine(number, line);
                    continue;
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    var last = TrimLine(buffer.AsMemory(0, end));
                    if (!last.IsEmpty)
                        yield return new JsonLine(number + 1, last);
                    yield break;
                }
                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var isGzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        return isGzip;
    }

    private static ReadOnlyMemory<byte> TrimLine(ReadOnlyMemory<byte> line)
    {
        var span = line.Span;
        var length = span.Length;
        while (length > 0 && (span[length - 1] == (byte)'\r' || span[length - 1] == (byte)' ' || span[length - 1] == (byte)'\t'))
            length--;
        return line[..length];
    }
}
