using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.Ledger;

/// <summary>The key of a position: one account per participant per currency (one ledger per currency).</summary>
internal readonly record struct AccountKey(Bic Participant, Currency Currency);

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
        _index = new Dictionary<AccountKey, int>(capacity);
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
