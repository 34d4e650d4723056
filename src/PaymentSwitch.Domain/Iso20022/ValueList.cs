using System.Collections;

namespace PaymentSwitch.Domain.Iso20022;

// Static factories on the generic type read best at call sites (ValueList<string>.Of("a")); CA1000 is
// about discoverability for type inference, which these factories do not rely on.
#pragma warning disable CA1000

/// <summary>
/// An immutable list with value equality, so that canonical message records compare structurally
/// (two messages with equal content are equal). <c>default</c> is the empty list and allocates nothing.
/// </summary>
public readonly struct ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[]? _items;

    /// <summary>Wraps a copy of <paramref name="items"/>.</summary>
    public ValueList(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToArray();
        _items = array.Length == 0 ? null : array;
    }

    private ValueList(T[] items, bool owned)
    {
        _ = owned;
        _items = items.Length == 0 ? null : items;
    }

    /// <summary>The empty list.</summary>
    public static ValueList<T> Empty => default;

    /// <summary>Takes ownership of <paramref name="items"/> without copying; the caller must not change it afterwards.</summary>
    public static ValueList<T> TakeOwnership(T[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new ValueList<T>(items, owned: true);
    }

    /// <summary>Creates a list from the given items.</summary>
    public static ValueList<T> Of(params ReadOnlySpan<T> items) => new(items.ToArray(), owned: true);

    /// <inheritdoc/>
    public int Count => _items?.Length ?? 0;

    /// <summary>True when the list has no items.</summary>
    public bool IsEmpty => _items is null;

    /// <inheritdoc/>
    public T this[int index] => _items is null ? throw new ArgumentOutOfRangeException(nameof(index)) : _items[index];

    /// <summary>The items as a span, for loops on the hot path.</summary>
    public ReadOnlySpan<T> AsSpan() => _items;

    /// <summary>Returns an allocation-free enumerator.</summary>
    public ReadOnlySpan<T>.Enumerator GetEnumerator() => AsSpan().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)(_items ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<T>)this).GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(ValueList<T> other) => AsSpan().SequenceEqual(other.AsSpan(), EqualityComparer<T>.Default);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in AsSpan())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => $"[{string.Join(", ", _items ?? [])}]";

    /// <summary>Value equality.</summary>
    public static bool operator ==(ValueList<T> left, ValueList<T> right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(ValueList<T> left, ValueList<T> right) => !left.Equals(right);

    /// <summary>Wraps an array (copying it).</summary>
    public static implicit operator ValueList<T>(T[]? items) => items is null ? default : new ValueList<T>(items);

    /// <summary>Wraps a list (copying it).</summary>
    public static implicit operator ValueList<T>(List<T>? items) => items is null ? default : new ValueList<T>(items);
}
