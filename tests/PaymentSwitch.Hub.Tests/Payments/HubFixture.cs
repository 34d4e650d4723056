using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.Ledger;
using PaymentSwitch.Hub.Payments;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Iso20022.Examples;

namespace PaymentSwitch.Hub.Tests.Payments;

/// <summary>
/// A small SG → TH topology around the <see cref="AseanExamples"/> payment (DBS pays Bangkok Bank SGD 1,000.00 →
/// THB 25,853.00 at 25.8530), with a fake clock, the example quote, a prefunded ledger and a proxy directory.
/// </summary>
internal sealed class HubFixture
{
    public static readonly IpsId SgFast = new("SG-FAST");
    public static readonly IpsId ThPromptPay = new("TH-PROMPTPAY");
    public static readonly IpsId PhInstaPay = new("PH-INSTAPAY");
    public static readonly Bic Dbs = AseanExamples.DbsBic;
    public static readonly Bic Bkkb = AseanExamples.BangkokBankBic;
    public static readonly Bic Kasikorn = AseanExamples.KasikornBic;
    public static readonly Bic FxProvider = Bic.Parse("LCFXSGSGXXX");
    public static readonly Bic SuspendedSg = Bic.Parse("UOVBSGSGXXX");
    public static readonly Bic OtherSgPsp = Bic.Parse("OCBCSGSGXXX");
    public static readonly Bic PhBank = Bic.Parse("BOPIPHMMXXX");
    public static readonly Bic UnknownBic = Bic.Parse("ZZZZTHBKXXX");
    public const string ThaiMobile = AseanExamples.CreditorMobile;
    public const long DbsFundsMinor = 10_000_000_00;
    public const long FxThbFundsMinor = 100_000_000_00;

    public HubFixture(
        long fxThbFundsMinor = FxThbFundsMinor,
        HubEngineOptions? options = null,
        IReadOnlyList<RequiredField>? requiredFields = null,
        OperatingHours? sgHours = null,
        OperatingHours? thHours = null,
        bool thSupportsHigh = true,
        IDestinationAvailability? availability = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 2, 0, 0, TimeSpan.Zero));
        Topology = BuildTopology(requiredFields ?? [RequiredField.Purpose], sgHours, thHours, thSupportsHigh);
        Quotes = new QuoteBook(capacity: 1024);
        Quotes.TryAdd(ExampleQuote(AseanExamples.QuoteId, Dbs), Time.GetUtcNow());
        Ledger = new LiquidityLedger(new LedgerOptions { AccountCapacity = 16, PendingReservationCapacity = 1024, CompletedReservationsRetained = 4096 });
        Ledger.ConfigurePrefunded(Dbs, Currency.SGD, DbsFundsMinor);
        Ledger.ConfigurePrefunded(OtherSgPsp, Currency.SGD, DbsFundsMinor);
        Ledger.ConfigurePrefunded(FxProvider, Currency.SGD, 0);
        Ledger.ConfigurePrefunded(FxProvider, Currency.THB, fxThbFundsMinor);
        Ledger.ConfigurePrefunded(Bkkb, Currency.THB, 0);
        Ledger.ConfigurePrefunded(Kasikorn, Currency.THB, 0);
        Proxies = new InMemoryProxyDirectory().Register(ThPromptPay, ThaiMobile, Bkkb);
        Engine = new HubEngine(Topology, Quotes, Ledger, Time, options, Proxies, availability);
    }

    public FakeTimeProvider Time { get; }

    public Topology Topology { get; }

    public QuoteBook Quotes { get; }

    public LiquidityLedger Ledger { get; }

    public InMemoryProxyDirectory Proxies { get; }

    public HubEngine Engine { get; }

    /// <summary>The example pacs.008 transaction (HIGH priority, AccptncDtTm = now).</summary>
    public CreditTransferTransaction Payment() => AseanExamples.CreditTransfer(Time).Transactions[0];

    /// <summary>The example payment with another UETR.</summary>
    public CreditTransferTransaction Payment(int n) => WithUetr(Payment(), TestUetr(n));

    public static CreditTransferTransaction WithUetr(CreditTransferTransaction tx, Uetr uetr) =>
        tx with { PaymentId = tx.PaymentId with { Uetr = uetr } };

    public static CreditTransferTransaction WithPriority(CreditTransferTransaction tx, Priority priority) =>
        tx with { PaymentType = tx.PaymentType! with { InstructionPriority = priority } };

    public static Uetr TestUetr(int n) => Uetr.Parse($"{n:x8}-0000-4000-8000-000000000000");

    public static PaymentStatusReport Report(Uetr uetr, TransactionStatus status, StatusReasonCode reason = StatusReasonCode.None) => new()
    {
        GroupHeader = new GroupHeader { MessageId = "BKKB-P2", CreationDateTime = new DateTimeOffset(2025, 3, 14, 2, 0, 0, TimeSpan.Zero) },
        Transactions = ValueList<TransactionStatusInformation>.Of(new TransactionStatusInformation
        {
            OriginalUetr = uetr,
            Status = status,
            StatusReasons = reason == StatusReasonCode.None ? default : ValueList<ReasonInformation>.Of(ReasonInformation.FromCode(reason)),
        }),
    };

    public static PaymentStatusRequest Enquiry(Uetr uetr) => new()
    {
        GroupHeader = new GroupHeader { MessageId = "DBSS-SR", CreationDateTime = new DateTimeOffset(2025, 3, 14, 2, 0, 0, TimeSpan.Zero) },
        Transactions = ValueList<StatusRequestTransaction>.Of(new StatusRequestTransaction { OriginalUetr = uetr }),
    };

    public Quote ExampleQuote(string id, Bic issuedTo, TimeSpan? validFor = null) => new(
        id,
        FxProvider,
        SgFast,
        ThPromptPay,
        AseanExamples.SgdThbRate,
        new Money(1_000_00, Currency.SGD),
        new Money(25_853_00, Currency.THB),
        new Money(0, Currency.SGD),
        new Money(0, Currency.THB),
        new Money(0, Currency.SGD),
        FixedSide.Source,
        issuedTo,
        Time.GetUtcNow(),
        Time.GetUtcNow() + (validFor ?? TimeSpan.FromMinutes(10)));

    public long Net(Bic participant, Currency currency) => Ledger.GetPosition(participant, currency).NetMinor;

    public long Reserved(Bic participant, Currency currency) => Ledger.GetPosition(participant, currency).ReservedMinor;

    public HubOutput Single(HubOutputKind kind)
    {
        HubOutput? found = null;
        foreach (var output in Engine.Outputs)
        {
            if (output.Kind == kind)
            {
                Assert.Null(found);
                found = output;
            }
        }

        Assert.NotNull(found);
        return found.Value;
    }

    private static Topology BuildTopology(IReadOnlyList<RequiredField> requiredFields, OperatingHours? sgHours, OperatingHours? thHours, bool thSupportsHigh)
    {
        var both = ValueList<MessageVersion>.Of(MessageVersion.Pacs008V08, MessageVersion.Pacs008V13);
        IpsDefinition[] ips =
        [
            new(SgFast, "FAST (PayNow)", CountryCode.SG, Currency.SGD, new Money(200_000_00, Currency.SGD), both, sgHours, true, true, ValueList<string>.Of("MBNO")),
            new(ThPromptPay, "PromptPay", CountryCode.TH, Currency.THB, new Money(2_000_000_00, Currency.THB), both, thHours, thSupportsHigh, true, ValueList<string>.Of("MBNO")),
            new(PhInstaPay, "InstaPay", CountryCode.PH, Currency.PHP, new Money(50_000_00, Currency.PHP), both, null, true, false, ValueList<string>.Of("MBNO")),
        ];
        ParticipantDefinition[] participants =
        [
            new(Dbs, "DBS Bank Ltd", SgFast, ParticipantRoles.Psp, ParticipantStatus.Active, "7171", default),
            new(OtherSgPsp, "OCBC", SgFast, ParticipantRoles.Psp | ParticipantRoles.SettlementAccessProvider, ParticipantStatus.Active, "7339", default),
            new(SuspendedSg, "UOB", SgFast, ParticipantRoles.Psp, ParticipantStatus.Suspended, "7375", default),
            new(FxProvider, "Lion City FX", SgFast, ParticipantRoles.FxProvider, ParticipantStatus.Active, null, default),
            new(Bkkb, "Bangkok Bank", ThPromptPay, ParticipantRoles.Psp, ParticipantStatus.Active, "002", default),
            new(Kasikorn, "Kasikornbank", ThPromptPay, ParticipantRoles.Psp | ParticipantRoles.SettlementAccessProvider, ParticipantStatus.Active, "004", default),
            new(PhBank, "BPI", PhInstaPay, ParticipantRoles.Psp, ParticipantStatus.Active, "010040018", default),
        ];
        CorridorDefinition[] corridors =
        [
            new(SgFast, ThPromptPay, true, new Money(50_000_00, Currency.SGD), new ValueList<RequiredField>(requiredFields), FeeFormula.Zero(Currency.SGD), FeeFormula.Zero(Currency.THB), FeeFormula.Zero(Currency.SGD)),
        ];
        return new Topology(ips, participants, [], corridors);
    }
}
