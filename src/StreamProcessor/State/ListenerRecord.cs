using System.Runtime.InteropServices;
using Pozytywka.Listening.State;

namespace Pozytywka.StreamProcessor.State;

/// <summary>
/// One listener's whole state as one changelog record, so a reader sees a whole write or none of it: the owner epoch
/// that wrote it, the position of the last event applied, the checkpoint and the history. A listener forgotten for
/// room or idleness keeps a record with no checkpoint, so the position they stopped at outlives them.
/// </summary>
public sealed record ListenerRecord(int Epoch, long AppliedThrough, ListenerCheckpoint? Checkpoint, PackedHistory? History)
{
    public static ListenerRecord Of(StateChange change, int epoch) =>
        new(epoch, change.AppliedThrough, change.Checkpoint, change.Checkpoint is null ? null : PackedHistory.Of(change.History));
}

/// <summary>
/// A history's plays packed slot by slot (little-endian 32-bit floats; base64 in the JSON): each slot's taste
/// attributes, whether it was skipped (one byte) and the share heard at a skip (NaN when unknown). A full history is
/// a few kilobytes instead of the tens a JSON number per value would take.
/// </summary>
public sealed record PackedHistory(byte[] Values, byte[] Skipped, byte[] HeardAtSkip)
{
    public static PackedHistory Of(IReadOnlyList<HistorySlot> slots)
    {
        var width = slots.Count > 0 ? slots[0].Values.Length : 0;
        var values = new float[slots.Count * width];
        var heard = new float[slots.Count];
        var skipped = new byte[slots.Count];
        for (var slot = 0; slot < slots.Count; slot++)
        {
            slots[slot].Values.CopyTo(values, slot * width);
            skipped[slot] = slots[slot].Skipped ? (byte)1 : (byte)0;
            heard[slot] = slots[slot].HeardAtSkip ?? float.NaN;
        }
        return new PackedHistory(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), skipped, MemoryMarshal.AsBytes(heard.AsSpan()).ToArray());
    }

    /// <summary>The slots, by slot; throws <see cref="FormatException"/> when the three parts do not describe the same plays.</summary>
    public IReadOnlyDictionary<int, HistorySlot> Slots()
    {
        var count = Skipped.Length;
        var values = MemoryMarshal.Cast<byte, float>(Values.AsSpan());
        var heard = MemoryMarshal.Cast<byte, float>(HeardAtSkip.AsSpan());
        if (heard.Length != count || HeardAtSkip.Length % sizeof(float) != 0 || Values.Length % sizeof(float) != 0 || (count == 0 ? values.Length != 0 : values.Length % count != 0))
            throw new FormatException($"a packed history of {count} plays with {Values.Length} bytes of values and {HeardAtSkip.Length} of heard shares");
        var width = count == 0 ? 0 : values.Length / count;
        var slots = new Dictionary<int, HistorySlot>(count);
        for (var slot = 0; slot < count; slot++)
            slots[slot] = new HistorySlot(values.Slice(slot * width, width).ToArray(), Skipped[slot] != 0, float.IsNaN(heard[slot]) ? null : heard[slot]);
        return slots;
    }
}

/// <summary>What an owner of a changelog partition writes before processing: its epoch, above every epoch the partition held.</summary>
public sealed record OwnerClaim(int Epoch);
