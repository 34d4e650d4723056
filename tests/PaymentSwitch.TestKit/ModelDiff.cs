using System.Collections;
using System.Globalization;
using System.Reflection;

namespace PaymentSwitch.TestKit;

/// <summary>
/// Lists where two canonical model values differ, by property path (<c>Transactions[0].Debtor.PostalAddress.TownName</c>),
/// so a failed round trip says what was lost instead of printing two pages of record text. It also reports
/// <see cref="DateTimeOffset"/> values whose offset changed, which record equality does not notice
/// (<see cref="DateTimeOffset.Equals(DateTimeOffset)"/> compares instants only).
/// </summary>
public static class ModelDiff
{
    /// <summary>The differences between <paramref name="expected"/> and <paramref name="actual"/>, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<string> Differences(object? expected, object? actual, int max = 20)
    {
        var differences = new List<string>();
        Walk(expected, actual, "$", differences, max);
        return differences;
    }

    /// <summary>The differences, one per line, or "no differences".</summary>
    public static string Describe(object? expected, object? actual, int max = 20)
    {
        var differences = Differences(expected, actual, max);
        return differences.Count == 0 ? "no differences" : string.Join(Environment.NewLine, differences);
    }

    private static void Walk(object? expected, object? actual, string path, List<string> differences, int max)
    {
        if (differences.Count >= max)
        {
            return;
        }

        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null)
            {
                differences.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
            }

            return;
        }

        var type = expected.GetType();
        if (type != actual.GetType())
        {
            differences.Add($"{path}: expected a {type.Name} {Show(expected)}, got a {actual.GetType().Name} {Show(actual)}");
            return;
        }

        if (expected is DateTimeOffset expectedTime && actual is DateTimeOffset actualTime)
        {
            if (expectedTime.Ticks != actualTime.Ticks || expectedTime.Offset != actualTime.Offset)
            {
                differences.Add($"{path}: expected {Show(expectedTime)}, got {Show(actualTime)}");
            }

            return;
        }

        if (expected is string || type.IsPrimitive || type.IsEnum || expected is decimal || !IsModelType(type))
        {
            if (!Equals(expected, actual))
            {
                differences.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
            }

            return;
        }

        if (expected is IEnumerable expectedItems && actual is IEnumerable actualItems)
        {
            var left = expectedItems.Cast<object?>().ToList();
            var right = actualItems.Cast<object?>().ToList();
            if (left.Count != right.Count)
            {
                differences.Add($"{path}: expected {left.Count} items, got {right.Count}");
            }

            for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
            {
                Walk(left[i], right[i], $"{path}[{i}]", differences, max);
            }

            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract")
            {
                continue;
            }

            Walk(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", differences, max);
        }
    }

    // The canonical model's records and lists are walked; primitives (Money, Bic, CountryCode, ...) compare whole.
    private static bool IsModelType(Type type) =>
        type.Namespace == "PaymentSwitch.Domain.Iso20022" && type.Name != "CodeOrProprietary";

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\" ({s.Length} chars)",
        DateTimeOffset d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
