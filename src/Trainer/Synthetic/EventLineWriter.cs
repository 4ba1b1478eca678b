using System.Buffers.Text;
using System.Text;

namespace Pozytywka.Trainer.Synthetic;

/// <summary>
/// Writes session events in the export's exact line format, formatting straight into bytes: the generator
/// must write ten million events in under a minute.
/// </summary>
public sealed class EventLineWriter(Stream output) : IDisposable
{
    private readonly byte[] _line = new byte[512];
    private readonly BufferedStream _output = new(output, 1 << 20);

    public long Lines { get; private set; }

    public void Write(DateTime timestamp, long? userId, string trackId, string eventType, long sessionId)
    {
        var span = _line.AsSpan();
        var n = Append(span, "{\"timestamp\": \"");
        n += FormatTimestamp(timestamp, span[n..]);
        n += Append(span[n..], "\", \"user_id\": ");
        n += userId is { } id ? FormatInt(id, span[n..]) : Append(span[n..], "null");
        n += Append(span[n..], ", \"track_id\": \"");
        n += Append(span[n..], trackId);
        n += Append(span[n..], "\", \"event_type\": \"");
        n += Append(span[n..], eventType);
        n += Append(span[n..], "\", \"session_id\": ");
        n += FormatInt(sessionId, span[n..]);
        n += Append(span[n..], "}\n");
        _output.Write(_line, 0, n);
        Lines++;
    }

    public void WriteRaw(string line)
    {
        _output.Write(Encoding.UTF8.GetBytes(line + "\n"));
        Lines++;
    }

    public void Dispose() => _output.Dispose();

    private static int Append(Span<byte> destination, string text) => Encoding.UTF8.GetBytes(text, destination);

    private static int FormatInt(long value, Span<byte> destination)
    {
        Utf8Formatter.TryFormat(value, destination, out var written);
        return written;
    }

    /// <summary>"2023-01-03T05:14:02.707000", or without the fraction on a whole second, as the exports do.</summary>
    private static int FormatTimestamp(DateTime t, Span<byte> d)
    {
        var n = Pad(t.Year, 4, d);
        d[n++] = (byte)'-';
        n += Pad(t.Month, 2, d[n..]);
        d[n++] = (byte)'-';
        n += Pad(t.Day, 2, d[n..]);
        d[n++] = (byte)'T';
        n += Pad(t.Hour, 2, d[n..]);
        d[n++] = (byte)':';
        n += Pad(t.Minute, 2, d[n..]);
        d[n++] = (byte)':';
        n += Pad(t.Second, 2, d[n..]);
        var microseconds = (int)(t.Ticks % TimeSpan.TicksPerSecond / 10);
        if (microseconds != 0)
        {
            d[n++] = (byte)'.';
            n += Pad(microseconds, 6, d[n..]);
        }
        return n;
    }

    private static int Pad(int value, int width, Span<byte> d)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            d[i] = (byte)('0' + value % 10);
            value /= 10;
        }
        return width;
    }
}
