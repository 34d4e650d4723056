using System.Xml;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>
/// A per-thread name table reused across reads, so element names are atomized once rather than on every
/// message (a measurable share of reading a 3 KB pacs.008). Untrusted documents could otherwise grow it
/// without bound with invented names, so it counts what it adds and is discarded past a budget.
/// </summary>
internal sealed class ReusableNameTable : XmlNameTable
{
    private const int MaxNames = 4096;

    [ThreadStatic]
    private static ReusableNameTable? t_current;

    private readonly NameTable _inner = new();
    private int _count;

    /// <summary>The name table for a read on this thread; a fresh one when the last grew too large.</summary>
    public static ReusableNameTable ForThisThread()
    {
        var table = t_current;
        if (table is null || table._count > MaxNames)
        {
            table = new ReusableNameTable();
            t_current = table;
        }

        return table;
    }

    public override string Add(char[] array, int offset, int length)
    {
        var existing = _inner.Get(array, offset, length);
        if (existing is not null)
        {
            return existing;
        }

        _count++;
        return _inner.Add(array, offset, length);
    }

    public override string Add(string array)
    {
        var existing = _inner.Get(array);
        if (existing is not null)
        {
            return existing;
        }

        _count++;
        return _inner.Add(array);
    }

    public override string? Get(char[] array, int offset, int length) => _inner.Get(array, offset, length);

    public override string? Get(string array) => _inner.Get(array);
}
