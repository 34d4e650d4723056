using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.Ledger;

/// <summary>A participant's multilateral net in one currency for one cycle: positive receives, negative pays.</summary>
/// <param name="Participant">The participant.</param>
/// <param name="NetMinor">Committed credits minus committed debits in the cycle, in minor units.</param>
public readonly record struct ParticipantNet(Bic Participant, long NetMinor);

/// <summary>One cell of the bilateral gross matrix: everything <paramref name="Debtor"/> paid <paramref name="Creditor"/> in the cycle.</summary>
/// <param name="Debtor">The paying participant.</param>
/// <param name="Creditor">The receiving participant.</param>
/// <param name="GrossMinor">The sum of the committed legs from debtor to creditor, in minor units.</param>
/// <param name="LegCount">How many committed legs make up the sum.</param>
public readonly record struct BilateralGross(Bic Debtor, Bic Creditor, long GrossMinor, int LegCount);

/// <summary>
/// One movement an IPS performs to settle a cycle in its own currency: <paramref name="Payer"/> pays <paramref name="Payee"/>.
/// A settlement instruction is not a payment and not a transfer leg: it discharges many legs' net effect at once.
/// </summary>
/// <param name="Ips">The IPS that settles it; each IPS settles only its own currency.</param>
/// <param name="Payer">A participant with a negative net.</param>
/// <param name="Payee">A participant with a positive net.</param>
/// <param name="Amount">How much, in the IPS's currency.</param>
public readonly record struct SettlementInstruction(IpsId Ips, Bic Payer, Bic Payee, Money Amount);

/// <summary>A closed cycle's result in one currency.</summary>
/// <param name="Currency">The currency.</param>
/// <param name="Ips">The IPS that settles this currency.</param>
/// <param name="Nets">Every participant with a committed leg in this currency in the cycle, ordered by BIC; they sum to zero.</param>
/// <param name="Bilateral">The non-empty cells of the bilateral gross matrix, ordered by debtor then creditor BIC.</param>
/// <param name="Instructions">At most (participants − 1) payer→payee movements that settle the nets exactly.</param>
public sealed record CurrencySettlement(
    Currency Currency,
    IpsId Ips,
    IReadOnlyList<ParticipantNet> Nets,
    IReadOnlyList<BilateralGross> Bilateral,
    IReadOnlyList<SettlementInstruction> Instructions)
{
    /// <summary>The net of <paramref name="participant"/>, or 0 if it had no committed leg in this currency.</summary>
    public long NetOf(Bic participant)
    {
        foreach (var net in Nets)
        {
            if (net.Participant == participant)
            {
                return net.NetMinor;
            }
        }

        return 0;
    }

    /// <summary>The bilateral gross from <paramref name="debtor"/> to <paramref name="creditor"/>, or 0.</summary>
    public long GrossOf(Bic debtor, Bic creditor)
    {
        foreach (var cell in Bilateral)
        {
            if (cell.Debtor == debtor && cell.Creditor == creditor)
            {
                return cell.GrossMinor;
            }
        }

        return 0;
    }
}

/// <summary>The result of closing one settlement cycle.</summary>
/// <param name="CycleNumber">The cycle, from 1.</param>
/// <param name="OpenedAt">When the cycle opened (the previous close, or <see cref="LedgerOptions.FirstCycleOpenedAt"/>).</param>
/// <param name="ClosedAt">When it closed.</param>
/// <param name="CommittedLegCount">How many legs were committed in the cycle.</param>
/// <param name="Currencies">One entry per currency with committed legs, ordered by currency code.</param>
public sealed record SettlementReport(
    long CycleNumber,
    DateTimeOffset OpenedAt,
    DateTimeOffset ClosedAt,
    long CommittedLegCount,
    IReadOnlyList<CurrencySettlement> Currencies)
{
    /// <summary>The entry for <paramref name="currency"/>, or <c>null</c> if nothing was committed in it.</summary>
    public CurrencySettlement? For(Currency currency)
    {
        foreach (var entry in Currencies)
        {
            if (entry.Currency == currency)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The net of a participant in a currency, or 0.</summary>
    public long NetOf(Bic participant, Currency currency) => For(currency)?.NetOf(participant) ?? 0;

    /// <summary>The instructions one IPS settles, in report order.</summary>
    public IReadOnlyList<SettlementInstruction> InstructionsFor(IpsId ips)
    {
        var instructions = new List<SettlementInstruction>();
        foreach (var entry in Currencies)
        {
            if (entry.Ips == ips)
            {
                instructions.AddRange(entry.Instructions);
            }
        }

        return instructions;
    }
}
