using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pozytywka.Contracts.Json;

/// <summary>
/// Reads an integer id written as a number or a string; null, empty and negative ids (exports use -1 for
/// "none") read as null so validation can name the missing field instead of failing the whole line.
/// </summary>
public sealed class LenientInt64IdConverter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return number < 0 ? null : number;
            case JsonTokenType.Number when reader.TryGetDouble(out var real) && real == Math.Floor(real) && real is >= 0 and < long.MaxValue:
                return (long)real;
            case JsonTokenType.String:
                var span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
                if (span.IsEmpty)
                    return null;
                if (Utf8Parser.TryParse(span, out long parsed, out var consumed) && consumed == span.Length)
                    return parsed < 0 ? null : parsed;
                throw new JsonException($"'{reader.GetString()}' is not an integer id");
            default:
                throw new JsonException($"expected an integer id, found {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } v)
            writer.WriteNumberValue(v);
        else
            writer.WriteNullValue();
    }
}

/// <summary>Reads a string id that some exports write as a number; null, empty and "-1" read as null.</summary>
public sealed class LenientStringIdConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => reader.TryGetInt64(out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : reader.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new JsonException($"expected a string id, found {reader.TokenType}"),
        };
        return IsMissing(text) ? null : text;
    }

    public static bool IsMissing(string? id) => string.IsNullOrWhiteSpace(id) || id == "-1";

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
