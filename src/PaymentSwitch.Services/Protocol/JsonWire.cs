using System.Text.Json;
using System.Text.Json.Serialization;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.Ledger;

namespace PaymentSwitch.Services.Protocol;

/// <summary>An amount on the JSON side of the protocol: ISO 4217 code and integer minor units (never a decimal number).</summary>
/// <param name="Currency">The ISO 4217 code, e.g. <c>SGD</c>.</param>
/// <param name="Minor">The amount in minor units of the currency (SGD 1,000.00 is 100000).</param>
public sealed record AmountDto(string Currency, long Minor)
{
    /// <summary>From a <see cref="Money"/>.</summary>
    public static AmountDto From(Money money) => new(money.Currency.Code, money.AmountMinor);

    /// <summary>Back to <see cref="Money"/>; <c>false</c> for an unknown currency or an amount beyond 18 digits.</summary>
    public bool TryToMoney(out Money money)
    {
        if (Domain.Currency.TryFromCode(Currency, out var currency) && Minor >= -Money.MaxAmountMinor && Minor <= Money.MaxAmountMinor)
        {
            money = new Money(Minor, currency);
            return true;
        }

        money = default;
        return false;
    }
}

/// <summary>A refusal on the JSON side: ISO 20022 reason code, field and sentence.</summary>
public sealed record RejectionDto(string Reason, string Field, string Detail)
{
    /// <summary>From a <see cref="Rejection"/>.</summary>
    public static RejectionDto From(in Rejection rejection) => new(StatusReasons.ToCode(rejection.Reason), rejection.Field, rejection.Detail);
}

/// <summary>A quote request (<c>ps.v1.hub.quotes</c>).</summary>
/// <param name="SourceIps">The sending IPS, e.g. <c>SG-FAST</c>.</param>
/// <param name="DestinationIps">The destination IPS, e.g. <c>TH-PROMPTPAY</c>.</param>
/// <param name="RequestingPsp">The BIC of the PSP asking; a payment may cite only a quote issued to its own PSP.</param>
/// <param name="Amount">The amount, in the source currency when <paramref name="Fixed"/> is <c>source</c>, else in the destination currency.</param>
/// <param name="Fixed"><c>source</c> or <c>destination</c>: which side of the amount is fixed.</param>
public sealed record QuoteRequestDto(string SourceIps, string DestinationIps, string RequestingPsp, AmountDto Amount, string Fixed);

/// <summary>One FX provider's quote.</summary>
public sealed record QuoteDto(
    string QuoteId,
    string FxProvider,
    decimal Rate,
    AmountDto SourceAmount,
    AmountDto DestinationAmount,
    AmountDto SourcePspFee,
    AmountDto DestinationPspFee,
    AmountDto SchemeFee,
    AmountDto CreditorAmount,
    AmountDto DebtorTotal,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    bool Best);

/// <summary>The answer to a quote request: one quote per FX provider, the best marked, and every refusal.</summary>
public sealed record QuoteResponseDto(IReadOnlyList<QuoteDto> Quotes, IReadOnlyList<RejectionDto> Rejections);

/// <summary>An IPS registers the proxies its directory resolves (<c>ps.v1.hub.proxies.&lt;IPS&gt;</c>).</summary>
/// <param name="Entries">Each proxy value (e.g. <c>+66-812345678</c>) and the BIC of the PSP that holds its account.</param>
/// <param name="ContentType">The payload encoding the IPS wants from the hub (<see cref="ContentTypes"/>); <c>null</c> keeps the default.</param>
public sealed record ProxyRegistrationDto(IReadOnlyList<ProxyEntryDto> Entries, string? ContentType = null);

/// <summary>One proxy registration.</summary>
public sealed record ProxyEntryDto(string Proxy, string Bic);

/// <summary>A lifecycle event for observers (<c>ps.v1.events.payment.&lt;state&gt;.&lt;IPS&gt;</c>).</summary>
public sealed record PaymentEventDto(string Uetr, string Event, DateTimeOffset At, string? Status, string? Reason);

/// <summary>The hub's record of one payment (<c>ps.v1.admin.status</c>).</summary>
public sealed record PaymentStatusDto(
    string Uetr, string State, string LastStatus, string? Reason, string SourceIps, string DestinationIps,
    AmountDto InstructedAmount, AmountDto SettlementAmount, decimal ExchangeRate, DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt);

/// <summary>A settlement report on the wire (<c>ps.v1.admin.settle</c>, <c>ps.v1.events.settlement.closed</c>).</summary>
public sealed record SettlementReportDto(long CycleNumber, DateTimeOffset OpenedAt, DateTimeOffset ClosedAt, long CommittedLegCount, IReadOnlyList<CurrencySettlementDto> Currencies)
{
    /// <summary>Set in the report one instance of a split hub publishes for its own share: which instance, from 0. Absent from a whole hub's report and from a combined one.</summary>
    public int? Partition { get; init; }

    /// <summary>With <see cref="Partition"/>: how many instances share the payments (each publishes its part of the cycle).</summary>
    public int? Partitions { get; init; }

    /// <summary>From a <see cref="SettlementReport"/>.</summary>
    public static SettlementReportDto From(SettlementReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new SettlementReportDto(
            report.CycleNumber,
            report.OpenedAt,
            report.ClosedAt,
            report.CommittedLegCount,
            [.. report.Currencies.Select(static c => new CurrencySettlementDto(
                c.Currency.Code,
                c.Ips.Value,
                [.. c.Nets.Select(static n => new NetDto(n.Participant.Value, n.NetMinor))],
                [.. c.Bilateral.Select(static b => new GrossDto(b.Debtor.Value, b.Creditor.Value, b.GrossMinor, b.LegCount))],
                [.. c.Instructions.Select(static i => new InstructionDto(i.Ips.Value, i.Payer.Value, i.Payee.Value, AmountDto.From(i.Amount)))]))]);
    }
}

/// <summary>One currency of a settlement report.</summary>
public sealed record CurrencySettlementDto(string Currency, string Ips, IReadOnlyList<NetDto> Nets, IReadOnlyList<GrossDto> Bilateral, IReadOnlyList<InstructionDto> Instructions);

/// <summary>A participant's multilateral net in minor units (positive: it receives).</summary>
public sealed record NetDto(string Participant, long NetMinor);

/// <summary>A cell of the bilateral gross matrix.</summary>
public sealed record GrossDto(string Debtor, string Creditor, long GrossMinor, int LegCount);

/// <summary>A settlement instruction: who pays whom in which IPS.</summary>
public sealed record InstructionDto(string Ips, string Payer, string Payee, AmountDto Amount);

/// <summary>The JSON conventions of the protocol: camelCase names, enums as strings, no indentation.</summary>
public static class JsonWire
{
    /// <summary>The serializer options every JSON exchange uses.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serializes to UTF-8.</summary>
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Deserializes UTF-8 JSON, answering with an FF01 rejection instead of throwing.</summary>
    public static bool TryDeserialize<T>(ReadOnlyMemory<byte> payload, out T? value, out Rejection rejection)
        where T : class
    {
        try
        {
            value = JsonSerializer.Deserialize<T>(payload.Span, Options);
            if (value is null)
            {
                rejection = new Rejection(StatusReasonCode.FF01, "payload", "the JSON body is null");
                return false;
            }

            rejection = default;
            return true;
        }
        catch (JsonException ex)
        {
            value = null;
            rejection = new Rejection(StatusReasonCode.FF01, ex.Path ?? "payload", "invalid JSON: " + ex.Message);
            return false;
        }
    }

    /// <summary>A quote from the hub core, on the wire.</summary>
    public static QuoteDto ToDto(Quote quote, bool best)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return new QuoteDto(
            quote.QuoteId, quote.FxProvider.Value, quote.Rate, AmountDto.From(quote.SourceAmount), AmountDto.From(quote.DestinationAmount),
            AmountDto.From(quote.SourcePspFee), AmountDto.From(quote.DestinationPspFee), AmountDto.From(quote.SchemeFee),
            AmountDto.From(quote.CreditorAmount), AmountDto.From(quote.DebtorTotal), quote.IssuedAt, quote.ExpiresAt, best);
    }
}
