using PaymentSwitch.Domain;
using PaymentSwitch.Hub.Ledger;
using static PaymentSwitch.Hub.Tests.Ledger.LedgerFixtures;

namespace PaymentSwitch.Hub.Tests.Ledger;

/// <summary>The SGD→THB example of docs/settlement.md: DBS pays a Bangkok Bank customer SGD 1,000.00 → THB 25,853.00.</summary>
internal static class WorkedExample
{
    public static readonly TransferLeg[] Legs =
    [
        Leg(Dbs, Fxp, 100_000, Currency.SGD),
        Leg(Fxp, Bbl, 2_585_300, Currency.THB),
    ];

    public static void Configure(LiquidityLedger ledger)
    {
        ledger.ConfigurePrefunded(Dbs, Currency.SGD, 5_000_000);
        ledger.ConfigurePrefunded(Fxp, Currency.SGD, 0);
        ledger.ConfigurePrefunded(Fxp, Currency.THB, 200_000_000);
        ledger.ConfigureNetDebitCap(Bbl, Currency.THB, 1_000_000_000);
    }
}
