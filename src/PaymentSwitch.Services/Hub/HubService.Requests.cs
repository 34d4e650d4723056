using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Protocol;
using PaymentSwitch.Services.Telemetry;

namespace PaymentSwitch.Services.Hub;

// Request/reply entry points: quotes, proxy registration and lookup, admin. Each answers every request, with an error
// reply for bad input, so a requester never waits for its timeout.
public sealed partial class HubService
{
    private async ValueTask OnQuoteRequestAsync(BusMessage message, CancellationToken cancellationToken)
    {
        // Under overload a request can wait in the queue past its sender's deadline: nobody would read the answer.
        if (RequestDeadline.HasExpired(message, _time.GetUtcNow()))
        {
            SwitchTelemetry.CountExpiredRequest("quote");
            return;
        }

        if (!JsonWire.TryDeserialize<QuoteRequestDto>(message.Payload, out var request, out var rejection)
            || !TryParse(request!, out var parsed, out rejection))
        {
            await RefuseAsync(message, null, rejection, cancellationToken).ConfigureAwait(false);
            return;
        }

        QuoteResponse response;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            response = _quotes.GetQuotes(parsed);
        }
        finally
        {
            _gate.Release();
        }

        await ShareQuotesAsync(response, cancellationToken).ConfigureAwait(false);
        var dto = new QuoteResponseDto(
            [.. response.Quotes.Select(q => JsonWire.ToDto(q, ReferenceEquals(q, response.Best)))],
            [.. response.Rejections.Select(static r => RejectionDto.From(r))]);
        await ReplyJsonAsync(message, dto, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask OnProxyRegistrationAsync(BusMessage message, CancellationToken cancellationToken)
    {
        var token = message.Subject[(message.Subject.LastIndexOf('.') + 1)..];
        var ips = new IpsId(token);
        if (!_topology.TryGetIps(ips, out _))
        {
            await RefuseAsync(message, null, new Rejection(StatusReasonCode.AGNT, "subject", $"{token} is not an IPS connected to the hub"), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!JsonWire.TryDeserialize<ProxyRegistrationDto>(message.Payload, out var registration, out var rejection))
        {
            await RefuseAsync(message, null, rejection, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Validate every entry before registering any, so a bad registration changes nothing.
        var entries = new List<(string Proxy, Bic Bic)>(registration!.Entries.Count);
        for (var i = 0; i < registration.Entries.Count; i++)
        {
            var entry = registration.Entries[i];
            if (string.IsNullOrWhiteSpace(entry.Proxy) || !Bic.TryParse(entry.Bic, out var bic, out _)
                || !_topology.TryGetParticipant(bic, out var participant) || participant.Ips != ips)
            {
                await RefuseAsync(message, null, new Rejection(StatusReasonCode.RC01, $"entries[{i}]", $"'{entry.Bic}' is not a participant of {ips}, or the proxy is empty"), cancellationToken).ConfigureAwait(false);
                return;
            }

            entries.Add((entry.Proxy.Trim(), bic));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var (proxy, bic) in entries)
            {
                _proxies.Register(ips, proxy, bic);
            }

            if (registration.ContentType is { } contentType)
            {
                _contentTypes[ips] = ContentTypes.IsXml(contentType) ? ContentTypes.Xml : ContentTypes.MessagePack;
            }
        }
        finally
        {
            _gate.Release();
        }

        Log.ProxiesRegistered(_logger, ips.Value, entries.Count);
        if (message.ReplyTo is not null)
        {
            await _bus.ReplyAsync(message, ReadOnlyMemory<byte>.Empty, AckHeaders(), cancellationToken).ConfigureAwait(false);
        }
    }

    // acmt.023 → the IPS whose directory registered the proxy → its acmt.024, relayed unchanged. Nexus does the same
    // through the destination's proxy directory operator: only that IPS knows the account and the (masked) name.
    private async Task RelayAndAnswerAsync(IpsId destination, BusMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (await RelayLookupAsync(destination, message, cancellationToken).ConfigureAwait(false) is { } answer)
            {
                await _bus.ReplyAsync(message, answer.Payload, answer.Headers, cancellationToken).ConfigureAwait(false);
                return;
            }

            await RefuseAsync(message, null, new Rejection(StatusReasonCode.AB08, "Vrfctn/PtyAndAcctId/Acct/Prxy/Id", $"the proxy directory of {destination} did not answer"), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the requester's own timeout answers it.
        }
#pragma warning disable CA1031 // A relay runs detached from the subscription loop: log its failure, keep the hub serving.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.LookupFailed(_logger, destination.Value, exception.Message);
        }
        finally
        {
            _lookupSlots.Release();
        }
    }

    private async ValueTask OnProxyLookupAsync(BusMessage message, CancellationToken cancellationToken)
    {
        if (RequestDeadline.HasExpired(message, _time.GetUtcNow()))
        {
            SwitchTelemetry.CountExpiredRequest("lookup");
            return;
        }

        if (!IsoWire.TryDecode(message, out var envelope, out var rejection))
        {
            await RefuseAsync(message, null, rejection, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (envelope.Message is not IdentificationVerificationRequest request
            || request.Verifications.Count == 0
            || request.Verifications[0].PartyAndAccount.Account?.Proxy?.Id is not { Length: > 0 } proxy)
        {
            await RefuseAsync(message, null, new Rejection(StatusReasonCode.FF01, "Vrfctn/PtyAndAcctId/Acct/Prxy/Id", "a proxy lookup is an acmt.023 naming a proxy"), cancellationToken).ConfigureAwait(false);
            return;
        }

        IpsId? owner = null;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var ips in _topology.Ips)
            {
                if (_proxies.TryResolve(ips.Id, proxy, out _))
                {
                    owner = ips.Id;
                    break;
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        if (owner is { } destination)
        {
            // A destination whose circuit is open is refused at once, as its payments are: asking it would only cost
            // the requester the relay's retries.
            if (_health.IsOffline(destination))
            {
                await RefuseAsync(message, null, new Rejection(StatusReasonCode.AB08, "Vrfctn/PtyAndAcctId/Acct/Prxy/Id", $"the destination IPS {destination} is offline (it stopped answering; the hub retries it shortly)"), cancellationToken).ConfigureAwait(false);
                return;
            }

            // The relay waits for the destination's round trip; it runs beside this subscription's loop, so the next
            // lookup (to any IPS) is taken at once. A slot bounds how many are in flight: when all are taken, this loop
            // waits, the subscription's buffer fills and NATS pushes back, as for any slow subscriber.
            await _lookupSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            _ = RelayAndAnswerAsync(destination, message, _stoppingToken);
            return;
        }

        var report = new IdentificationVerificationReport
        {
            Assignment = new Assignment
            {
                Id = _messages.NextMessageId(),
                Assigner = new PartyOrAgent { Agent = new Agent { Bicfi = HubMessages.HubBic } },
                Assignee = request.Assignment.Assigner,
                CreationDateTime = _time.GetUtcNow(),
            },
            OriginalAssignmentMessageId = request.Assignment.Id,
            OriginalAssignmentCreationDateTime = request.Assignment.CreationDateTime,
            Reports = ValueList<VerificationResult>.Of(new VerificationResult
            {
                OriginalId = request.Verifications[0].Id,
                Verified = false,
                Reason = CodeOrProprietary.FromProprietary(StatusReasons.ToCode(StatusReasonCode.BE23)),
                OriginalPartyAndAccount = request.Verifications[0].PartyAndAccount,
            }),
        };
        var (payload, headers) = IsoWire.Encode(report, MessageVersions.Latest(MessageKind.Acmt024), ContentTypeOf(message), null);
        await _bus.ReplyAsync(message, payload, headers, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask OnSettleRequestAsync(BusMessage message, CancellationToken cancellationToken)
    {
        if (_partition.IsWhole)
        {
            var report = await CloseCycleAsync(cancellationToken).ConfigureAwait(false);
            await ReplyJsonAsync(message, SettlementReportDto.From(report), cancellationToken).ConfigureAwait(false);
            return;
        }

        var (combined, problem) = await CloseAllCyclesAsync(cancellationToken).ConfigureAwait(false);
        if (combined is null)
        {
            await RefuseAsync(message, null, problem, cancellationToken).ConfigureAwait(false);
            return;
        }

        await ReplyJsonAsync(message, SettlementReportDto.From(combined), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask OnStatusRequestAsync(BusMessage message, CancellationToken cancellationToken)
    {
        var text = System.Text.Encoding.UTF8.GetString(message.Payload.Span).Trim().Trim('"');
        if (!Uetr.TryParse(text, out var uetr, out _))
        {
            await RefuseOnceAsync(message, null, new Rejection(StatusReasonCode.FF01, "uetr", $"'{text}' is not a UETR (a version 4 UUID)"), cancellationToken).ConfigureAwait(false);
            return;
        }

        // Every instance of a split hub hears the enquiry; the one that owns the UETR answers it.
        if (!_partition.Owns(uetr))
        {
            return;
        }

        if (await FindPaymentAsync(uetr, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            await RefuseAsync(message, null, new Rejection(StatusReasonCode.TM01, "uetr", $"the hub has no record of {uetr}"), cancellationToken).ConfigureAwait(false);
            return;
        }

        var facts = record.Facts;
        var dto = new PaymentStatusDto(
            uetr.ToString(), record.State.ToString(), record.LastStatus.ToString(),
            record.Reason == StatusReasonCode.None ? null : StatusReasons.ToCode(record.Reason),
            facts.SourceIps.Value, facts.DestinationIps.Value, AmountDto.From(facts.InstructedAmount), AmountDto.From(facts.SettlementAmount),
            facts.ExchangeRate, record.ReceivedAt, record.UpdatedAt);
        await ReplyJsonAsync(message, dto, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask ReplyJsonAsync<T>(BusMessage message, T body, CancellationToken cancellationToken)
    {
        if (message.ReplyTo is not null)
        {
            await _bus.ReplyAsync(message, JsonWire.Serialize(body), JsonHeaders(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string ContentTypeOf(in BusMessage message) =>
        message.Headers is { } headers && headers.TryGet(HeaderNames.ContentType, out var contentType) ? contentType : ContentTypes.MessagePack;

    private static bool TryParse(QuoteRequestDto request, out QuoteRequest parsed, out Rejection rejection)
    {
        parsed = null!;
        if (request.Amount is null || !Currency.TryFromCode(request.Amount.Currency, out var currency))
        {
            rejection = new Rejection(StatusReasonCode.AM03, "amount.currency", $"'{request.Amount?.Currency}' is not an ISO 4217 currency code");
            return false;
        }

        if (request.Amount.Minor <= 0 || request.Amount.Minor > Money.MaxAmountMinor)
        {
            rejection = new Rejection(StatusReasonCode.AM09, "amount.minor", "the amount must be positive and at most 18 digits");
            return false;
        }

        if (!Bic.TryParse(request.RequestingPsp, out var psp, out _))
        {
            rejection = new Rejection(StatusReasonCode.RC01, "requestingPsp", $"'{request.RequestingPsp}' is not a BIC");
            return false;
        }

        FixedSide side;
        if (string.Equals(request.Fixed, "source", StringComparison.OrdinalIgnoreCase))
        {
            side = FixedSide.Source;
        }
        else if (string.Equals(request.Fixed, "destination", StringComparison.OrdinalIgnoreCase))
        {
            side = FixedSide.Destination;
        }
        else
        {
            rejection = new Rejection(StatusReasonCode.FF01, "fixed", "say which amount is fixed: 'source' or 'destination'");
            return false;
        }

        parsed = new QuoteRequest(new IpsId(request.SourceIps ?? string.Empty), new IpsId(request.DestinationIps ?? string.Empty), psp, new Money(request.Amount.Minor, currency), side);
        rejection = default;
        return true;
    }
}
