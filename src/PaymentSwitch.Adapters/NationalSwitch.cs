using System.Globalization;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Adapters;

/// <summary>
/// One simulated national instant payment system (SG-FAST, TH-PROMPTPAY, ...) as its connector to the hub sees it: it
/// decides what the IPS answers payments from the hub (<see cref="Receive(CreditTransferTransaction, OriginalGroupInformation?, Bic?)"/>),
/// builds its customers' payments to the hub (<see cref="PrepareOutbound"/>, <see cref="BuildOutbound"/>,
/// <see cref="OnFinalStatus"/>), applies returns and answers proxy lookups, keeping every customer balance exact.
/// </summary>
/// <remarks>
/// <para>Pure and deterministic: no I/O, no threads, time only from the <see cref="TimeProvider"/>, randomness only from
/// the seed. What the IPS decides for an incoming payment is drawn from (seed, UETR), so it does not depend on the order
/// in which payments arrive; ids and UETRs of outgoing payments come from a sequence seeded the same way.</para>
/// <para>Single writer: one thread calls an instance at a time (the host gives each IPS its own loop).</para>
/// </remarks>
public sealed partial class NationalSwitch
{
    private readonly NationalSwitchProfile _profile;
    private readonly Topology _topology;
    private readonly TimeProvider _time;
    private readonly long _seed;
    private readonly NationalSwitchOptions _options;
    private readonly Dictionary<AccountKey, AccountState> _accounts = [];
    private readonly Dictionary<string, long> _feeIncome = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProxyEntry> _proxies = new(StringComparer.Ordinal);
    private readonly Dictionary<Uetr, InboundRecord> _inbound = [];
    private readonly Dictionary<Uetr, OutboundRecord> _outbound = [];
    private readonly Queue<Uetr> _remembered = new();
    private readonly string _idPrefix;
    private SplitMix64 _ids;
    private long _sequence;
    private long _openingBalancesMinor;
    private long _settlementInMinor;
    private long _settlementOutMinor;

    /// <summary>Creates the IPS from its profile, with every account at its opening balance.</summary>
    /// <param name="profile">The IPS's profile (see <see cref="AdapterProfiles"/>).</param>
    /// <param name="topology">The hub's reference data (corridors for fees, settlement access providers).</param>
    /// <param name="time">The clock; tests and simulations pass a fake one.</param>
    /// <param name="seed">The seed of every random decision and id; the same seed gives the same run.</param>
    /// <param name="options">Limits; defaults if <c>null</c>.</param>
    public NationalSwitch(NationalSwitchProfile profile, Topology topology, TimeProvider time, long seed, NationalSwitchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(time);
        _options = options ?? new NationalSwitchOptions();
        _options.Validate();
        _profile = profile;
        _topology = topology;
        _time = time;
        _seed = seed;
        _ids = new SplitMix64(KeyedDraw.SeedFor(seed, "ids"));
        var letters = profile.Id.Value.Replace("-", string.Empty, StringComparison.Ordinal);
        _idPrefix = letters.Length > 8 ? letters[..8] : letters;
        foreach (var bank in profile.Banks)
        {
            _feeIncome[BicKey.Of(bank.Bic)] = 0;
            foreach (var account in bank.Accounts)
            {
                _accounts.Add(new AccountKey(BicKey.Of(bank.Bic), account.Number), new AccountState(bank.Bic, account));
                _openingBalancesMinor = checked(_openingBalancesMinor + account.OpeningBalanceMinor);
            }
        }

        foreach (var proxy in profile.Proxies)
        {
            _proxies.Add(proxy.Value, proxy);
        }

        Pacs002Version = Newest(profile.Ips, MessageKind.Pacs002) ?? MessageVersion.Pacs002V12;
        Pacs004Version = Newest(profile.Ips, MessageKind.Pacs004) ?? MessageVersion.Pacs004V10;
    }

    /// <summary>The IPS's id.</summary>
    public IpsId Ips => _profile.Id;

    /// <summary>The IPS's profile.</summary>
    public NationalSwitchProfile Profile => _profile;

    /// <summary>The IPS's currency.</summary>
    public Currency Currency => _profile.Currency;

    /// <summary>The pacs.008 version the IPS speaks.</summary>
    public MessageVersion Pacs008Version => _profile.Pacs008Version;

    /// <summary>The pacs.002 version the IPS speaks (the newest in the topology).</summary>
    public MessageVersion Pacs002Version { get; }

    /// <summary>The pacs.004 version the IPS speaks (the newest in the topology).</summary>
    public MessageVersion Pacs004Version { get; }

    /// <summary>Creates one switch per simulated IPS, each with its own seed derived from <paramref name="seed"/> and its IPS id.</summary>
    public static IReadOnlyDictionary<IpsId, NationalSwitch> CreateAll(AdapterProfiles profiles, TimeProvider time, long seed, NationalSwitchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var result = new Dictionary<IpsId, NationalSwitch>();
        foreach (var profile in profiles.Switches)
        {
            result.Add(profile.Id, new NationalSwitch(profile, profiles.Topology, time, KeyedDraw.SeedFor(seed, profile.Id.Value), options));
        }

        return result;
    }

    /// <summary>Finds a customer account's current state.</summary>
    public bool TryGetAccount(Bic bank, string number, out AccountBalance balance)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (_accounts.TryGetValue(new AccountKey(BicKey.Of(bank), number), out var state))
        {
            balance = state.Snapshot();
            return true;
        }

        balance = default;
        return false;
    }

    /// <summary>Every customer account's current state, bank by bank in profile order.</summary>
    public IReadOnlyList<AccountBalance> Accounts()
    {
        var result = new List<AccountBalance>(_accounts.Count);
        foreach (var bank in _profile.Banks)
        {
            foreach (var account in bank.Accounts)
            {
                result.Add(_accounts[new AccountKey(BicKey.Of(bank.Bic), account.Number)].Snapshot());
            }
        }

        return result;
    }

    /// <summary>The fees a bank kept, in minor units.</summary>
    public long FeeIncomeMinor(Bic bank) => _feeIncome.GetValueOrDefault(BicKey.Of(bank));

    /// <summary>Changes an account's status (a customer closes an account, a court freezes one); returns false if the account is unknown.</summary>
    public bool SetAccountStatus(Bic bank, string number, AccountStatus status)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (!_accounts.TryGetValue(new AccountKey(BicKey.Of(bank), number), out var state))
        {
            return false;
        }

        state.Status = status;
        return true;
    }

    /// <summary>The IPS's money now; <see cref="SwitchTotals.IsConserved"/> always holds.</summary>
    public SwitchTotals Totals()
    {
        long balances = 0;
        long held = 0;
        foreach (var state in _accounts.Values)
        {
            balances = checked(balances + state.BalanceMinor);
            held = checked(held + state.HeldMinor);
        }

        long fees = 0;
        foreach (var fee in _feeIncome.Values)
        {
            fees = checked(fees + fee);
        }

        return new SwitchTotals(Currency, _openingBalancesMinor, balances, held, fees, _settlementInMinor, _settlementOutMinor);
    }

    /// <summary>Whether the whole IPS is in an outage at <paramref name="instant"/> (it answers nothing).</summary>
    public bool IsDown(DateTimeOffset instant)
    {
        foreach (var outage in _profile.Behaviour.Outages)
        {
            if (outage.Bank is null && outage.IsActive(instant))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="bank"/> is offline at <paramref name="instant"/> (the IPS answers AB08 for it).</summary>
    public bool IsBankOffline(Bic bank, DateTimeOffset instant)
    {
        foreach (var outage in _profile.Behaviour.Outages)
        {
            if (outage.Bank is { } offline && BicKey.Same(offline, bank) && outage.IsActive(instant))
            {
                return true;
            }
        }

        return false;
    }

    private static MessageVersion? Newest(IpsDefinition ips, MessageKind kind)
    {
        MessageVersion? newest = null;
        foreach (var version in ips.SupportedVersions)
        {
            if (version.Kind() == kind && (newest is null || version > newest))
            {
                newest = version;
            }
        }

        return newest;
    }

    private void AddFee(Bic bank, long amountMinor)
    {
        var key = BicKey.Of(bank);
        _feeIncome[key] = checked(_feeIncome.GetValueOrDefault(key) + amountMinor);
    }

    // Payments are remembered in arrival order and forgotten oldest first, so memory stays bounded.
    private void Remember(Uetr uetr)
    {
        _remembered.Enqueue(uetr);
        while (_remembered.Count > _options.PaymentCapacity)
        {
            var old = _remembered.Dequeue();
            _ = _inbound.Remove(old);
            _ = _outbound.Remove(old);
        }
    }

    private DateTimeOffset Now()
    {
        // ISO 20022 date-times carry whole seconds here, so XML round trips are exact.
        var now = _time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    private string NextId(string kind, DateTimeOffset at)
    {
        _sequence++;
        return string.Create(CultureInfo.InvariantCulture, $"{_idPrefix}{at:yyyyMMddHHmmss}{kind}{_sequence % 100_000_000:D8}");
    }

    // A version 4 UUID from the seeded sequence: the same seed gives the same UETRs in the same order.
    private Uetr NextUetr()
    {
        if (_options.FreshUetrs)
        {
            return Uetr.NewUetr();
        }

        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, _ids.Next());
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], _ids.Next());
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return Uetr.FromGuid(new Guid(bytes, bigEndian: true));
    }

    private Agent AgentFor(Bic bic) =>
        _topology.TryGetParticipant(bic, out var participant)
            ? new Agent { Bicfi = bic, Name = participant.Name }
            : Agent.FromBic(bic);

    private readonly record struct AccountKey(string Bank, string Number);

    private sealed class AccountState(Bic bank, CustomerAccountProfile profile)
    {
        public Bic Bank { get; } = bank;

        public CustomerAccountProfile Profile { get; } = profile;

        public AccountStatus Status { get; set; } = profile.Status;

        public long BalanceMinor { get; set; } = profile.OpeningBalanceMinor;

        public long HeldMinor { get; set; }

        public AccountBalance Snapshot() => new(Bank, Profile.Number, Profile.Holder, Status, BalanceMinor, HeldMinor);
    }
}
