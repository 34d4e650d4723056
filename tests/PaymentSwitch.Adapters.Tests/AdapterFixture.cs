using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.Ledger;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Adapters.Tests;

/// <summary>
/// The default topology and adapter profiles, a fake clock at an hour when no default outage window is open
/// (11:00 in Singapore), one <see cref="NationalSwitch"/> per IPS, and a hub (quotes, ledger from the topology's
/// liquidity, the adapters' proxy directory) to drive payments end to end.
/// </summary>
internal sealed class AdapterFixture
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 3, 0, 0, TimeSpan.Zero);
    public static readonly IpsId SgFast = new("SG-FAST");
    public static readonly IpsId ThPromptPay = new("TH-PROMPTPAY");
    public static readonly IpsId MyDuitNow = new("MY-DUITNOW");
    public static readonly IpsId IdBiFast = new("ID-BIFAST");
    public static readonly IpsId PhInstaPay = new("PH-INSTAPAY");
    public static readonly IpsId VnNapas = new("VN-NAPAS");
    public static readonly IpsId InUpi = new("IN-UPI");
    public static readonly Bic Dbs = Bic.Parse("DBSSSGSGXXX");
    public static readonly Bic Ocbc = Bic.Parse("OCBCSGSGXXX");
    public static readonly Bic Scb = Bic.Parse("SCBLSGSGXXX");
    public static readonly Bic Bkkb = Bic.Parse("BKKBTHBKXXX");
    public static readonly Bic Kasikorn = Bic.Parse("KASITHBKXXX");
    public static readonly Bic SiamCommercial = Bic.Parse("SICOTHBKXXX");
    public static readonly Bic Bpi = Bic.Parse("BOPIPHMMXXX");
    public static readonly Bic Sbi = Bic.Parse("SBININBBXXX");
    public static readonly Bic Mandiri = Bic.Parse("BMRIIDJAXXX");

    /// <summary>Tan Wei Ming at DBS: SGD 48,250.35.</summary>
    public const string TanWeiMing = "0721234567";

    /// <summary>Goh Jun Jie at DBS: SGD 85.20.</summary>
    public const string GohJunJie = "0721112223";

    /// <summary>Somchai Jaidee at Bangkok Bank (the AseanExamples creditor), PromptPay mobile +66-812345678.</summary>
    public const string Somchai = "1234567890";

    /// <summary>Anan Wongsawat at Bangkok Bank: closed.</summary>
    public const string ClosedThai = "1231112220";

    /// <summary>Malee Sukjai at Siam Commercial Bank: blocked.</summary>
    public const string BlockedThai = "4079876123";

    public const string SomchaiMobile = "+66-812345678";

    private static readonly Lazy<Topology> LazyTopology = new(Topology.LoadDefault);
    private static readonly Lazy<AdapterProfiles> LazyProfiles = new(() => AdapterProfiles.LoadDefault(LazyTopology.Value));

    public AdapterFixture(long seed = 42, bool reliable = true, AdapterProfiles? profiles = null)
    {
        Time = new FakeTimeProvider(Start);
        Profiles = profiles ?? (reliable ? DefaultProfiles.Reliable() : DefaultProfiles);
        Switches = NationalSwitch.CreateAll(Profiles, Time, seed);
        Quotes = new QuoteBook(capacity: 65_536);

        // The hub runs the topology the profiles were loaded against (the default one unless a test gives its own).
        var topology = Profiles.Topology;
        QuoteEngine = new QuoteEngine(topology, Time, Quotes);
        Ledger = new LiquidityLedger();
        foreach (var participant in topology.Participants)
        {
            foreach (var limit in participant.Liquidity)
            {
                Ledger.Configure(participant.Bic, limit.Currency, limit.Kind == LiquidityKind.Prefunded ? LiquidityLimitKind.Prefunded : LiquidityLimitKind.NetDebitCap, limit.LimitMinor);
            }
        }

        Hub = new HubEngine(topology, Quotes, Ledger, Time, proxies: Profiles);
    }

    public static Topology Topology => LazyTopology.Value;

    public static AdapterProfiles DefaultProfiles => LazyProfiles.Value;

    public FakeTimeProvider Time { get; }

    public AdapterProfiles Profiles { get; }

    public IReadOnlyDictionary<IpsId, NationalSwitch> Switches { get; }

    public QuoteBook Quotes { get; }

    public QuoteEngine QuoteEngine { get; }

    public LiquidityLedger Ledger { get; }

    public HubEngine Hub { get; }

    public NationalSwitch this[IpsId ips] => Switches[ips];

    public static NationalSwitchProfile Profile(IpsId ips) => DefaultProfiles[ips];

    /// <summary>A switch for one IPS with a profile edited by the test, on this fixture's clock.</summary>
    public NationalSwitch SwitchWith(NationalSwitchProfile profile, long seed = 7) => new(profile, Topology, Time, seed);

    public static Uetr TestUetr(int n) => Uetr.Parse($"{n:x8}-0000-4000-8000-{n:x12}");

    /// <summary>
    /// An incoming pacs.008 transaction as the hub forwards it, from DBS (SG-FAST),
    /// by account unless <paramref name="proxy"/> is given.
    /// </summary>
    public static CreditTransferTransaction Incoming(
        Uetr uetr,
        Money settlement,
        Bic? creditorAgent,
        string? account,
        string? creditorName = null,
        string? proxy = null,
        Bic? debtorAgent = null) => new()
    {
        PaymentId = new PaymentIdentification { EndToEndId = "E2E-" + uetr.ToString()[..8], InstructionId = "INSTR-1", TransactionId = "TX-1", Uetr = uetr },
        PaymentType = new PaymentTypeInformation { InstructionPriority = Priority.HIGH },
        InterbankSettlementAmount = settlement,
        InstructedAmount = new Money(1_000_00, Currency.SGD),
        ExchangeRate = 25.8530m,
        ChargeBearer = ChargeBearer.SLEV,
        InstructingAgent = Agent.FromBic(debtorAgent ?? Dbs),
        Debtor = new Party { Name = "Tan Wei Ming" },
        DebtorAgent = Agent.FromBic(debtorAgent ?? Dbs),
        CreditorAgent = creditorAgent is { } bic ? Agent.FromBic(bic) : new Agent(),
        Creditor = new Party { Name = creditorName },
        CreditorAccount = new Account
        {
            Other = account is null ? null : new GenericIdentification { Id = account },
            Proxy = proxy is null ? null : new Proxy { Type = CodeOrProprietary.FromCode("MBNO"), Id = proxy },
        },
    };

    /// <summary>The hub's best quote for an instruction the source switch prepared.</summary>
    public Quote QuoteFor(NationalSwitch source, OutboundInstruction instruction)
    {
        var preparation = source.PrepareOutbound(instruction);
        Assert.True(preparation.IsAccepted, preparation.Rejection?.ToString());
        var response = QuoteEngine.GetQuotes(preparation.QuoteRequest!);
        Assert.False(response.IsRejected, string.Join("; ", response.Rejections));
        return response.Best!;
    }

    public long Balance(IpsId ips, Bic bank, string account)
    {
        Assert.True(Switches[ips].TryGetAccount(bank, account, out var balance));
        return balance.BalanceMinor;
    }
}
