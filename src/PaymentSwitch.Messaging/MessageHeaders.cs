using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PaymentSwitch.Messaging;

/// <summary>
/// A small ordered set of message headers: one value per name, names compared case-sensitively as NATS does
/// (ADR-4). Insertion order is kept, so headers go on the wire in the order they were set.
/// </summary>
/// <remarks>
/// Names are printable ASCII without <c>:</c> or spaces; values have no CR or LF (the NATS header block is
/// HTTP-like, so either would corrupt it). Both are checked when set. A message rarely has more than a handful of
/// headers, so a list beats a dictionary here.
/// </remarks>
public sealed class MessageHeaders : IEnumerable<KeyValuePair<string, string>>
{
    /// <summary>The most headers one message may carry; bounded like every other collection of the switch.</summary>
    public const int MaxCount = 64;

    private readonly List<KeyValuePair<string, string>> _items;

    /// <summary>Creates an empty header set.</summary>
    public MessageHeaders()
    {
        _items = new List<KeyValuePair<string, string>>(4);
    }

    private MessageHeaders(List<KeyValuePair<string, string>> items)
    {
        _items = items;
    }

    /// <summary>The number of headers.</summary>
    public int Count => _items.Count;

    /// <summary>Gets or sets the value of <paramref name="name"/>. Setting replaces an existing value in place.</summary>
    /// <exception cref="KeyNotFoundException">Getting a name that is not present.</exception>
    public string this[string name]
    {
        get => TryGet(name, out var value) ? value : throw new KeyNotFoundException($"Header '{name}' is not present.");
        set
        {
            ValidateName(name);
            ValidateValue(name, value);
            var index = IndexOf(name);
            if (index >= 0)
            {
                _items[index] = new KeyValuePair<string, string>(name, value);
                return;
            }

            EnsureRoom();
            _items.Add(new KeyValuePair<string, string>(name, value));
        }
    }

    /// <summary>Adds a header (so collection initialisers work).</summary>
    /// <exception cref="ArgumentException">The name is already present, or the name or value is invalid.</exception>
    public void Add(string name, string value)
    {
        ValidateName(name);
        ValidateValue(name, value);
        if (IndexOf(name) >= 0)
        {
            throw new ArgumentException($"Header '{name}' is already present.", nameof(name));
        }

        EnsureRoom();
        _items.Add(new KeyValuePair<string, string>(name, value));
    }

    /// <summary>Gets the value of <paramref name="name"/> when present.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out string? value)
    {
        var index = IndexOf(name);
        value = index >= 0 ? _items[index].Value : null;
        return index >= 0;
    }

    /// <summary>True when <paramref name="name"/> is present.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Removes <paramref name="name"/>; returns whether it was present.</summary>
    public bool Remove(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return false;
        }

        _items.RemoveAt(index);
        return true;
    }

    /// <summary>A copy that can be changed without affecting this set.</summary>
    public MessageHeaders Clone() => new(new List<KeyValuePair<string, string>>(_items));

    /// <summary>Enumerates the headers in insertion order without allocating.</summary>
    public List<KeyValuePair<string, string>>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _items.Select(static item => $"{item.Key}: {item.Value}"));

    /// <summary>Adds a header read from the wire, where the transport has already checked the syntax.</summary>
    internal void AddTrusted(string name, string value)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            // NATS allows repeated names; the last value wins, as NatsHeaders.TryGetLastValue reads it.
            _items[index] = new KeyValuePair<string, string>(name, value);
            return;
        }

        _items.Add(new KeyValuePair<string, string>(name, value));
    }

    private int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void EnsureRoom()
    {
        if (_items.Count >= MaxCount)
        {
            throw new InvalidOperationException($"A message carries at most {MaxCount} headers.");
        }
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (var c in name)
        {
            // Header names are HTTP-style tokens: visible ASCII (33..126) without the ':' separator.
            if (c is < '!' or > '~' or ':')
            {
                throw new ArgumentException($"Header name '{name}' may hold only visible ASCII characters other than ':'.", nameof(name));
            }
        }
    }

    private static void ValidateValue(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"The value of header '{name}' may not contain CR or LF.", nameof(value));
        }
    }
}
