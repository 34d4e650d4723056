namespace PaymentSwitch.Iso20022.MessagePack;

/// <summary>
/// A per-thread pool of short strings (BICs, codes, message names) so that the same code read from many
/// messages is one string and reading it allocates nothing after the first time.
/// </summary>
/// <remarks>
/// Per thread, so no lock on the hot path (a process-wide weak cache took most of the decode time in a
/// profile). Bounded: untrusted input could otherwise fill it with invented values, so past
/// <see cref="MaxEntries"/> it starts again empty, which costs a few allocations, never memory.
/// </remarks>
internal static class InternPool
{
    private const int MaxEntries = 4096;

    [ThreadStatic]
    private static Dictionary<string, string>? t_pool;

    public static string Intern(ReadOnlySpan<char> value)
    {
        var pool = t_pool ??= new Dictionary<string, string>(256, StringComparer.Ordinal);
        var lookup = pool.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(value, out var existing))
        {
            return existing;
        }

        if (pool.Count >= MaxEntries)
        {
            pool.Clear();
        }

        var created = new string(value);
        pool[created] = created;
        return created;
    }
}
