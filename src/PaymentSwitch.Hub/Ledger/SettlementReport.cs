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

    /// <summary>
    /// One report for a cycle that several hub instances (<see cref="HubPartition"/>) closed separately: nets and
    /// bilateral cells are summed per participant and per pair, leg counts added, and the instructions computed anew
    /// from the summed nets, exactly as one ledger holding every leg would have reported them. The cycle number is the
    /// highest of the parts, the cycle opens at the earliest opening and closes at the latest closing.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty, or two parts settle one currency in different IPSs.</exception>
    public static SettlementReport Combine(IReadOnlyList<SettlementReport> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("There is no report to combine.", nameof(parts));
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        var ipsByCurrency = new Dictionary<Currency, IpsId>();
        var nets = new Dictionary<(Currency Currency, Bic Participant), long>();
        var cells = new Dictionary<(Currency Currency, Bic Debtor, Bic Creditor), (long Gross, int Legs)>();
        long cycle = 0, legs = 0;
        var openedAt = DateTimeOffset.MaxValue;
        var closedAt = DateTimeOffset.MinValue;
        foreach (var part in parts)
        {
            cycle = Math.Max(cycle, part.CycleNumber);
            legs = checked(legs + part.CommittedLegCount);
            openedAt = part.OpenedAt < openedAt ? part.OpenedAt : openedAt;
            closedAt = part.ClosedAt > closedAt ? part.ClosedAt : closedAt;
            foreach (var entry in part.Currencies)
            {
                if (ipsByCurrency.TryGetValue(entry.Currency, out var ips) && ips != entry.Ips)
                {
                    throw new ArgumentException($"{entry.Currency.Code} is settled by {ips} in one part and by {entry.Ips} in another.", nameof(parts));
                }

                ipsByCurrency[entry.Currency] = entry.Ips;
                foreach (var net in entry.Nets)
                {
                    nets[(entry.Currency, net.Participant)] = checked(nets.GetValueOrDefault((entry.Currency, net.Participant)) + net.NetMinor);
                }

                foreach (var cell in entry.Bilateral)
                {
                    var sum = cells.GetValueOrDefault((entry.Currency, cell.Debtor, cell.Creditor));
                    cells[(entry.Currency, cell.Debtor, cell.Creditor)] = (checked(sum.Gross + cell.GrossMinor), checked(sum.Legs + cell.LegCount));
                }
            }
        }

        var currencies = new List<Currency>(ipsByCurrency.Keys);
        currencies.Sort(static (a, b) => string.CompareOrdinal(a.Code, b.Code));
        var entries = new CurrencySettlement[currencies.Count];
        for (var i = 0; i < currencies.Count; i++)
        {
            var currency = currencies[i];
            var currencyNets = new List<ParticipantNet>();
            foreach (var ((netCurrency, participant), amount) in nets)
            {
                if (netCurrency == currency)
                {
                    currencyNets.Add(new ParticipantNet(participant, amount));
                }
            }

            var currencyCells = new List<BilateralGross>();
            foreach (var ((cellCurrency, debtor, creditor), (gross, count)) in cells)
            {
                if (cellCurrency == currency)
                {
                    currencyCells.Add(new BilateralGross(debtor, creditor, gross, count));
                }
            }

            currencyNets.Sort(static (a, b) => string.CompareOrdinal(a.Participant.Value, b.Participant.Value));
            currencyCells.Sort(static (a, b) =>
            {
                var byDebtor = string.CompareOrdinal(a.Debtor.Value, b.Debtor.Value);
                return byDebtor != 0 ? byDebtor : string.CompareOrdinal(a.Creditor.Value, b.Creditor.Value);
            });
            var ips = ipsByCurrency[currency];
            entries[i] = new CurrencySettlement(currency, ips, currencyNets.ToArray(), currencyCells.ToArray(), SettlementCycle.Instructions(ips, currency, currencyNets));
        }

        return new SettlementReport(cycle, openedAt, closedAt, legs, entries);
    }
}
