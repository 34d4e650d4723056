using Microsoft.Extensions.Logging;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Protocol;
using PaymentSwitch.Services.Telemetry;

namespace PaymentSwitch.Services.Hub;

// FX providers' live rate sheets on ps.v1.fx.rates.<FX provider BIC> (docs/protocol.md, "Rate sheets"): read and checked
// outside the gate, applied under it, so quotes (also under the gate) see a sheet entirely or not at all.
public sealed partial class HubService
{
    private readonly LiveRateSheets _rateSheets;

    /// <summary>The live rate sheets FX providers have published (tests and admin).</summary>
    public LiveRateSheets RateSheets => _rateSheets;

    private async ValueTask OnRateSheetAsync(BusMessage message, CancellationToken cancellationToken)
    {
        var token = ProtocolSubjects.FxProviderOf(message.Subject);
        if (token is null || !Bic.TryParse(token, out var provider, out _))
        {
            await RefuseSheetAsync(message, [new Rejection(StatusReasonCode.RC01, "subject", $"'{message.Subject}' does not end with an FX provider's BIC")], cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!JsonWire.TryDeserialize<RateSheetDto>(message.Payload, out var dto, out var unreadable))
        {
            await RefuseSheetAsync(message, [unreadable], cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!dto!.TryToPublication(provider, out var publication, out var problems))
        {
            await RefuseSheetAsync(message, problems, cancellationToken).ConfigureAwait(false);
            return;
        }

        RateSheetPublishResult result;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            result = _rateSheets.Publish(publication, _time.GetUtcNow());
        }
        finally
        {
            _gate.Release();
        }

        if (!result.IsAccepted)
        {
            await RefuseSheetAsync(message, result.Problems, cancellationToken).ConfigureAwait(false);
            return;
        }

        var pair = RateSheetDto.PairOf(publication.SourceCurrency, publication.DestinationCurrency);
        FxLog.SheetApplied(_logger, result.Sheet!.FxProvider.Value, pair, result.Sheet.MidRate, result.ValidUntil);
        if (message.ReplyTo is not null)
        {
            var headers = JsonHeaders();
            headers[HeaderNames.Reason] = "ACK";
            await _bus.ReplyAsync(message, JsonWire.Serialize(new RateSheetAckDto(pair, result.ValidUntil)), headers, cancellationToken).ConfigureAwait(false);
        }
    }

    // A refused sheet changed nothing. Its error reply carries the first problem in the usual headers and body fields
    // and every problem in "problems"; without a reply subject there is no one to tell, so it is only logged.
    private async ValueTask RefuseSheetAsync(BusMessage message, IReadOnlyList<Rejection> problems, CancellationToken cancellationToken)
    {
        var first = problems[0];
        var headline = problems.Count == 1 ? first : first with { Detail = $"{first.Detail} (and {problems.Count - 1} more: {string.Join(", ", problems.Skip(1).Select(static p => p.Field))})" };
        Log.BadInput(_logger, message.Subject, string.Join("; ", problems));
        SwitchTelemetry.CountBadInput(first.Reason);
        if (message.ReplyTo is not null)
        {
            var body = new RateSheetRejectionDto(
                StatusReasons.ToCode(first.Reason), first.Field, first.Detail, [.. problems.Select(static p => RejectionDto.From(p))]);
            await _bus.ReplyAsync(message, JsonWire.Serialize(body), IsoWire.ErrorHeaders(headline), cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>The hub's FX log messages (event ids from 40, apart from <see cref="Log"/>'s).</summary>
internal static partial class FxLog
{
    [LoggerMessage(40, LogLevel.Debug, "Rate sheet of {FxProvider} for {Pair} applied: mid {MidRate}, current until {ValidUntil:O}")]
    public static partial void SheetApplied(ILogger logger, string fxProvider, string pair, decimal midRate, DateTimeOffset validUntil);
}
