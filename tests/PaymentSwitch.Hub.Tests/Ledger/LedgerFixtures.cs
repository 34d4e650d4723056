using System.Globalization;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.Ledger;

namespace PaymentSwitch.Hub.Tests.Ledger;

/// <summary>Participants, currencies and helpers shared by the ledger tests.</summary>
internal static class LedgerFixtures
{
    public static readonly Bic Dbs = Bic.Parse("DBSSSGSGXXX");
    public static readonly Bic Bbl = Bic.Parse("BKKBTHBKXXX");
    public static readonly Bic Fxp = Bic.Parse("NXFXSGSGXXX");
    public static readonly Bic Maybank = Bic.Parse("MBBEMYKLXXX");

    public static readonly IpsId SgFast = new("SG-FAST");
    public static readonly IpsId ThPromptPay = new("TH-PROMPTPAY");
    public static readonly IpsId VnNapas = new("VN-NAPAS");

    public static readonly DateTimeOffset Start = new(2025, 3, 14, 1, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<Currency, IpsId> IpsByCurrency = new Dictionary<Currency, IpsId>
    {
        [Currency.SGD] = SgFast,
        [Currency.THB] = ThPromptPay,
        [Currency.VND] = VnNapas,
    };

    /// <summary>A valid version 4 UETR derived from a number, so tests are deterministic.</summary>
    public static Uetr UetrFor(int n) =>
        Uetr.Parse(string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{n:x12}"));

    public static ReservationId PaymentId(int n) => ReservationId.ForPayment(UetrFor(n));

    public static TransferLeg Leg(Bic debtor, Bic creditor, long amountMinor, Currency currency) =>
        new(debtor, creditor, new Money(amountMinor, currency));

    public static LiquidityLedger NewLedger(ILedgerEventSink? sink = null) =>
        new(new LedgerOptions { FirstCycleOpenedAt = Start, PendingReservationCapacity = 1024, CompletedReservationsRetained = 4096 }, sink);
}
