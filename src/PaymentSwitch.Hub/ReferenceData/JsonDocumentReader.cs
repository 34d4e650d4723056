using System.Globalization;
using System.Text.Json;
using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.ReferenceData;

/// <summary>
/// The shared field readers of the reference-data loaders (topology, adapter profiles): each reads one JSON value,
/// and on a problem records one error with its JSON path (<c>$.ips[2].currency: ...</c>) and returns null, so a file
/// is checked whole and every problem is reported at once, never only the first.
/// </summary>
internal abstract class JsonDocumentReader
{
    /// <summary>Every problem found so far, as <c>path: sentence</c>.</summary>
    protected List<string> Errors { get; } = [];

    protected void Error(string path, string sentence) => Errors.Add($"{path}: {sentence}");

    protected bool Object(JsonElement element, string path, string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected an object; got {Describe(element)}");
            return false;
        }

        // Unknown properties are errors: a misspelt property would otherwise be silently ignored.
        foreach (var property in element.EnumerateObject())
        {
            if (System.Array.IndexOf(allowed, property.Name) < 0)
            {
                Error($"{path}.{property.Name}", $"unknown property; expected one of {string.Join(", ", allowed)}");
            }
        }

        return true;
    }

    protected (JsonElement Item, string Path)[] Array(JsonElement owner, string name, string ownerPath, bool required)
    {
        var path = $"{ownerPath}.{name}";
        if (!owner.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error(path, "is required");
            }

            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"expected an array; got {Describe(array)}");
            return [];
        }

        return array.EnumerateArray().Select((item, index) => (item, $"{path}[{index}]")).ToArray();
    }

    protected string? String(JsonElement owner, string name, string ownerPath, bool required)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error($"{ownerPath}.{name}", "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Error($"{ownerPath}.{name}", $"expected a string; got {Describe(value)}");
            return null;
        }

        var text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            Error($"{ownerPath}.{name}", "must not be empty");
            return null;
        }

        return text;
    }

    protected int? Int(JsonElement owner, string name, string ownerPath, bool required)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error($"{ownerPath}.{name}", "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Error($"{ownerPath}.{name}", $"expected a whole number; got {Describe(value)}");
            return null;
        }

        return number;
    }

    protected TimeOnly? Time(JsonElement owner, string name, string ownerPath)
    {
        var text = String(owner, name, ownerPath, required: true);
        if (text is null)
        {
            return null;
        }

        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            Error($"{ownerPath}.{name}", $"'{text}' is not a local time in HH:mm form");
            return null;
        }

        return time;
    }

    protected Bic? BicValue(JsonElement owner, string name, string ownerPath)
    {
        var text = String(owner, name, ownerPath, required: true);
        if (text is null)
        {
            return null;
        }

        if (!Bic.TryParse(text, out var bic, out var failure))
        {
            Error($"{ownerPath}.{name}", $"invalid BIC: {failure.Rule}");
            return null;
        }

        return bic;
    }

    protected static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
