using PaymentSwitch.Domain;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.Ledger;

namespace PaymentSwitch.Services.Protocol;

/// <summary>The quotes one instance of a split hub issued for one request, sent to the other instances on <see cref="ProtocolSubjects.HubPeerQuotes"/>.</summary>
/// <param name="Partition">The issuing instance (it ignores its own batch).</param>
/// <param name="Quotes">Every quote issued, with everything the quote check needs.</param>
public sealed record QuoteReplicaBatchDto(int Partition, IReadOnlyList<QuoteReplicaDto> Quotes);

/// <summary>A whole <see cref="Quote"/> as JSON; the rate travels as an exact decimal.</summary>
public sealed record QuoteReplicaDto(
    string QuoteId,
    string FxProvider,
    string SourceIps,
    string DestinationIps,
    decimal Rate,
    AmountDto SourceAmount,
    AmountDto DestinationAmount,
    AmountDto SourcePspFee,
    AmountDto DestinationPspFee,
    AmountDto SchemeFee,
    string Fixed,
    string IssuedTo,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>From a <see cref="Quote"/>.</summary>
    public static QuoteReplicaDto From(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return new QuoteReplicaDto(
            quote.QuoteId, quote.FxProvider.Value, quote.SourceIps.Value, quote.DestinationIps.Value, quote.Rate,
            AmountDto.From(quote.SourceAmount), AmountDto.From(quote.DestinationAmount), AmountDto.From(quote.SourcePspFee),
            AmountDto.From(quote.DestinationPspFee), AmountDto.From(quote.SchemeFee),
            quote.AmountIsFixedIn == FixedSide.Source ? "source" : "destination", quote.IssuedTo.Value, quote.IssuedAt, quote.ExpiresAt);
    }

    /// <summary>Back to a <see cref="Quote"/>; <c>false</c> when a field does not parse (a peer of another version, or a forged message).</summary>
    public bool TryToQuote([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Quote? quote)
    {
        quote = null;
        if (string.IsNullOrEmpty(QuoteId)
            || !Bic.TryParse(FxProvider, out var fxProvider, out _)
            || !Bic.TryParse(IssuedTo, out var issuedTo, out _)
            || string.IsNullOrEmpty(SourceIps) || string.IsNullOrEmpty(DestinationIps)
            || SourceAmount is null || !SourceAmount.TryToMoney(out var sourceAmount)
            || DestinationAmount is null || !DestinationAmount.TryToMoney(out var destinationAmount)
            || SourcePspFee is null || !SourcePspFee.TryToMoney(out var sourceFee)
            || DestinationPspFee is null || !DestinationPspFee.TryToMoney(out var destinationFee)
            || SchemeFee is null || !SchemeFee.TryToMoney(out var schemeFee)
            || Fixed is not ("source" or "destination"))
        {
            return false;
        }

        quote = new Quote(
            QuoteId, fxProvider, new IpsId(SourceIps), new IpsId(DestinationIps), Rate, sourceAmount, destinationAmount,
            sourceFee, destinationFee, schemeFee, Fixed == "source" ? FixedSide.Source : FixedSide.Destination, issuedTo, IssuedAt, ExpiresAt);
        return true;
    }
}

/// <summary>Reading a <see cref="SettlementReportDto"/> back, for the coordinator of a split hub that combines its peers' reports.</summary>
public static class SettlementReportDtoReader
{
    /// <summary>Back to a <see cref="SettlementReport"/>; <c>false</c> when a currency, BIC or amount does not parse.</summary>
    public static bool TryToReport(this SettlementReportDto dto, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SettlementReport? report)
    {
        ArgumentNullException.ThrowIfNull(dto);
        report = null;
        var currencies = new List<CurrencySettlement>(dto.Currencies?.Count ?? 0);
        foreach (var entry in dto.Currencies ?? [])
        {
            if (!Currency.TryFromCode(entry.Currency, out var currency) || string.IsNullOrEmpty(entry.Ips))
            {
                return false;
            }

            var ips = new IpsId(entry.Ips);
            var nets = new List<ParticipantNet>(entry.Nets?.Count ?? 0);
            foreach (var net in entry.Nets ?? [])
            {
                if (!Bic.TryParse(net.Participant, out var participant, out _))
                {
                    return false;
                }

                nets.Add(new ParticipantNet(participant, net.NetMinor));
            }

            var cells = new List<BilateralGross>(entry.Bilateral?.Count ?? 0);
            foreach (var cell in entry.Bilateral ?? [])
            {
                if (!Bic.TryParse(cell.Debtor, out var debtor, out _) || !Bic.TryParse(cell.Creditor, out var creditor, out _))
                {
                    return false;
                }

                cells.Add(new BilateralGross(debtor, creditor, cell.GrossMinor, cell.LegCount));
            }

            var instructions = new List<SettlementInstruction>(entry.Instructions?.Count ?? 0);
            foreach (var instruction in entry.Instructions ?? [])
            {
                if (!Bic.TryParse(instruction.Payer, out var payer, out _) || !Bic.TryParse(instruction.Payee, out var payee, out _)
                    || instruction.Amount is null || !instruction.Amount.TryToMoney(out var amount))
                {
                    return false;
                }

                instructions.Add(new SettlementInstruction(new IpsId(instruction.Ips), payer, payee, amount));
            }

            currencies.Add(new CurrencySettlement(currency, ips, nets, cells, instructions));
        }

        report = new SettlementReport(dto.CycleNumber, dto.OpenedAt, dto.ClosedAt, dto.CommittedLegCount, currencies);
        return true;
    }
}
