using System.Globalization;
using System.Text.Json;
using Pozytywka.Contracts.Json;

namespace Pozytywka.Listening.Exports;

/// <summary>
/// Reads the fields of one catalog line leniently, recording into the fault log every field that is
/// missing, null or of the wrong kind, so one bad value never costs the rest of the row.
/// </summary>
public readonly ref struct CatalogRow
{
    private readonly JsonElement _root;
    private readonly FaultLog _faults;
    private readonly string _source;
    private readonly string _where;

    private CatalogRow(JsonElement root, FaultLog faults, string source, string where)
    {
        _root = root;
        _faults = faults;
        _source = source;
        _where = where;
    }

    /// <summary>Parses a line; a line that is not a JSON object is recorded and yields false.</summary>
    public static bool TryOpen(JsonLine line, ExportFile file, FaultLog faults, out JsonDocument? document, out CatalogRow row)
    {
        var source = file.BaseName();
        var where = $"{source} line {line.Number}";
        try
        {
            document = JsonDocument.Parse(line.Bytes);
        }
        catch (JsonException)
        {
            faults.Record(source, "(line)", "invalid JSON", where);
            document = null;
            row = default;
            return false;
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            faults.Record(source, "(line)", "not an object", where);
            document.Dispose();
            document = null;
            row = default;
            return false;
        }
        row = new CatalogRow(document.RootElement, faults, source, where);
        return true;
    }

    public string Where => _where;

    /// <summary>A string id; numbers are accepted, and null, empty and "-1" are reported and read as null.</summary>
    public string? Id(params string[] names)
    {
        var name = names[0];
        if (!TryGet(names, out var value))
            return null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            return Report(name, value.ValueKind == JsonValueKind.Null ? "null" : "invalid");
        if (LenientStringIdConverter.IsMissing(text))
            return Report(name, text == "-1" ? "-1 id" : "empty");
        return text;
    }

    /// <summary>An integer id such as user_id; negative ids are reported and read as null.</summary>
    public long? IntegerId(string name)
    {
        if (!TryGet([name], out var value))
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id))
            return id >= 0 ? id : ReportValue<long>(name, "-1 id");
        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            return parsed >= 0 ? parsed : ReportValue<long>(name, "-1 id");
        return ReportValue<long>(name, value.ValueKind == JsonValueKind.Null ? "null" : "invalid");
    }

    public string? Text(string name)
    {
        if (!TryGet([name], out var value))
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        return Report(name, value.ValueKind == JsonValueKind.Null ? "null" : "invalid");
    }

    /// <summary>A number (also a numeric string or a boolean, as some exports write them); NaN when absent.</summary>
    public double Number(string name)
    {
        if (!TryGet([name], out var value))
            return double.NaN;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.GetDouble();
            case JsonValueKind.True:
                return 1;
            case JsonValueKind.False:
                return 0;
            case JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                Report(name, value.ValueKind == JsonValueKind.Null ? "null" : "invalid");
                return double.NaN;
        }
    }

    public bool? Flag(string name)
    {
        if (!TryGet([name], out var value))
            return null;
        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1:
                return n == 1;
            default:
                Report(name, value.ValueKind == JsonValueKind.Null ? "null" : "invalid");
                return null;
        }
    }

    /// <summary>A list of strings; null entries are dropped and reported, a missing list reads as empty.</summary>
    public IReadOnlyList<string> Strings(string name)
    {
        if (!TryGet([name], out var value))
            return [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            Report(name, value.ValueKind == JsonValueKind.Null ? "null" : "invalid");
            return [];
        }
        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
                items.Add(item.GetString()!);
            else
                Report(name, "invalid item");
        }
        return items;
    }

    /// <summary>Finds the field under any of its spellings; faults are reported under the first.</summary>
    private bool TryGet(string[] names, out JsonElement value)
    {
        foreach (var candidate in names)
        {
            if (_root.TryGetProperty(candidate, out value))
                return true;
        }
        value = default;
        Report(names[0], "missing");
        return false;
    }

    private string? Report(string field, string kind)
    {
        _faults.Record(_source, field, kind, _where);
        return null;
    }

    private T? ReportValue<T>(string field, string kind) where T : struct
    {
        _faults.Record(_source, field, kind, _where);
        return null;
    }
}
