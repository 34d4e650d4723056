using System.Runtime.InteropServices;
using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.Ledger;

/// <summary>The key of a position: one account per participant per currency (one ledger per currency).</summary>
internal readonly record struct AccountKey(Bic Participant, Currency Currency);

/// <summary>
/// A fast, non-randomised comparer for position keys: it mixes the BIC's characters eight bytes at a time instead of
/// running the randomised string hash over both strings on every lookup.
/// </summary>
/// <remarks>
/// Randomised hashing defends a table against keys an attacker chooses. Here only configured positions (reference
/// data) are ever inserted, so a hostile BIC on the wire can only be looked up, never lengthen a chain.
/// </remarks>
internal sealed class AccountKeyComparer : IEqualityComparer<AccountKey>
{
    public static readonly AccountKeyComparer Instance = new();

    public bool Equals(AccountKey x, AccountKey y) =>
        string.Equals(x.Participant.Value, y.Participant.Value, StringComparison.Ordinal)
        && string.Equals(x.Currency.Code, y.Currency.Code, StringComparison.Ordinal);

    public int GetHashCode(AccountKey obj)
    {
        var bic = obj.Participant.Value.AsSpan();
        var currency = obj.Currency.Code.AsSpan();
        ulong hash = 14695981039346656037UL;
        var words = MemoryMarshal.Cast<char, ulong>(bic);
        foreach (var word in words)
        {
            hash = (hash ^ word) * 1099511628211UL;
        }

        for (var i = words.Length * 4; i < bic.Length; i++)
        {
            hash = (hash ^ bic[i]) * 1099511628211UL;
        }

        foreach (var c in currency)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (int)(hash ^ (hash >> 32));
    }
}

/// <summary>
/// The positions, stored densely so that reservations and the settlement cycle refer to them by index and the
/// commit path hashes nothing.
/// </summary>
internal sealed class AccountBook
{
    private readonly Dictionary<AccountKey, int> _index;
    private Account[] _accounts;

    public AccountBook(int capacity)
    {
        _index = new Dictionary<AccountKey, int>(capacity, AccountKeyComparer.Instance);
        _accounts = new Account[Math.Max(capacity, 4)];
    }

    public int Count { get; private set; }

    public ref Account this[int index]
    {
        get
        {
            LedgerInvariant.Assert((uint)index < (uint)Count, "An account index refers to a configured account.");
            return ref _accounts[index];
        }
    }

    public bool TryFind(Bic participant, Currency currency, out int index) =>
        _index.TryGetValue(new AccountKey(participant, currency), out index);

    public int Add(Bic participant, Currency currency)
    {
        if (Count == _accounts.Length)
        {
            Array.Resize(ref _accounts, _accounts.Length * 2);
        }

        var index = Count++;
        _accounts[index] = new Account { Participant = participant, Currency = currency };
        _index.Add(new AccountKey(participant, currency), index);
        return index;
    }

    public Position ToPosition(int index)
    {
        ref var account = ref this[index];
        return new Position(account.Participant, account.Currency, account.Kind, account.LimitMinor, account.NetMinor, account.ReservedMinor);
    }

    /// <summary>One position's mutable state.</summary>
    internal struct Account
    {
        public Bic Participant;
        public Currency Currency;
        public LiquidityLimitKind Kind;
        public long LimitMinor;
        public long NetMinor;
        public long ReservedMinor;

        /// <summary>What may still be reserved (see <see cref="Position.AvailableMinor"/>), widened so that no sum of valid amounts overflows.</summary>
        public readonly Int128 AvailableMinor =>
            (Int128)LimitMinor + (Kind == LiquidityLimitKind.Prefunded ? NetMinor : Math.Min(NetMinor, 0)) - ReservedMinor;
    }
}
