using System.Text.Json;

namespace PaymentSwitch.Benchmarks.Budgets;

/// <summary>The most bytes one operation of a benchmark may allocate, and why that figure.</summary>
/// <param name="BytesPerOperation">Allowed bytes allocated per operation (BenchmarkDotNet's "Allocated" column); 0 or more.</param>
/// <param name="Reason">Why the budget is what it is: a hot path held at 0 B, or a measured figure plus a margin.</param>
internal readonly record struct AllocationBudget(long BytesPerOperation, string Reason);

/// <summary>
/// Reads <c>bench/allocation-budgets.json</c>: <c>{ "budgets": { "Class.Method": { "bytesPerOperation": 0, "reason": "..." } } }</c>,
/// keyed by <see cref="BenchmarkIds"/>. Anything malformed is an error, not a silently smaller set of budgets.
/// </summary>
internal static class AllocationBudgetFile
{
    public static IReadOnlyDictionary<string, AllocationBudget> Load(string path) => Parse(File.ReadAllText(path));

    public static IReadOnlyDictionary<string, AllocationBudget> Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("budgets", out var budgets)
            || budgets.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The budget file must be an object with a \"budgets\" object keyed by benchmark id.");
        }

        var result = new Dictionary<string, AllocationBudget>(StringComparer.Ordinal);
        foreach (var entry in budgets.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object
                || !entry.Value.TryGetProperty("bytesPerOperation", out var bytes)
                || bytes.ValueKind != JsonValueKind.Number
                || !bytes.TryGetInt64(out var bytesPerOperation)
                || bytesPerOperation < 0)
            {
                throw new FormatException($"Budget '{entry.Name}': \"bytesPerOperation\" must be a whole number of bytes, 0 or more.");
            }

            if (!entry.Value.TryGetProperty("reason", out var reason) || reason.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(reason.GetString()))
            {
                throw new FormatException($"Budget '{entry.Name}': \"reason\" must say why the budget is what it is.");
            }

            // JSON allows a repeated key and keeps the last; a budget file must not hide one figure behind another.
            if (!result.TryAdd(entry.Name, new AllocationBudget(bytesPerOperation, reason.GetString()!)))
            {
                throw new FormatException($"Budget '{entry.Name}' appears twice.");
            }
        }

        return result;
    }
}
