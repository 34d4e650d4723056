using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.Ledger;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Protocol;

namespace PaymentSwitch.Services.Hub;

// Several hub instances side by side (Hub:Partitions > 1; docs/protocol.md, "Several hub instances"). Each instance
// receives every message on ps.v1.hub.in.> and decides only the payments whose UETR falls in its partition; quotes,
// which any instance may issue, are copied to the others before the requester hears of them; instance 0 combines the
// settlement reports of all instances when an operator asks for one.
public sealed partial class HubService
{
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Which share of the payments this instance owns (<see cref="HubPartition.Whole"/> for a single hub).</summary>
    public HubPartition Partition => _partition;

    // Instance 0 answers what belongs to no payment: bad input, messages without a UETR, operator requests.
    private bool IsCoordinator => _partition.Index == 0;

    // The part of an inbound message this instance decides, or null if none. A pacs.008 is split by transaction (each
    // transaction is a payment of its own); any other message goes whole to the owner of its first UETR, and to instance
    // 0 if it names none. The hub's own forwarded pacs.008 carry one transaction each, so the answers about them do too.
    private IsoMessage? OwnedPart(IsoMessage message)
    {
        if (_partition.IsWhole)
        {
            return message;
        }

        if (message is CustomerCreditTransfer transfer)
        {
            var owned = 0;
            foreach (var transaction in transfer.Transactions)
            {
                owned += Owns(transaction.PaymentId.Uetr) ? 1 : 0;
            }

            if (owned == 0 || owned == transfer.Transactions.Count)
            {
                return owned == 0 ? null : transfer;
            }

            var mine = new CreditTransferTransaction[owned];
            var next = 0;
            foreach (var transaction in transfer.Transactions)
            {
                if (Owns(transaction.PaymentId.Uetr))
                {
                    mine[next++] = transaction;
                }
            }

            return transfer with { Transactions = ValueList<CreditTransferTransaction>.TakeOwnership(mine) };
        }

        return Owns(FirstUetr(message)) ? message : null;
    }

    private bool Owns(Uetr? uetr) => uetr is { } known ? _partition.Owns(known) : IsCoordinator;

    // Every instance of a split hub sees bad input that belongs to no payment; only instance 0 answers it, so the
    // sender hears once. A single hub is its own instance 0.
    private ValueTask RefuseOnceAsync(BusMessage message, IpsId? source, Rejection rejection, CancellationToken cancellationToken) =>
        IsCoordinator ? RefuseAsync(message, source, rejection, cancellationToken) : ValueTask.CompletedTask;

    private static Uetr? FirstUetr(IsoMessage message) => message switch
    {
        PaymentStatusReport { Transactions.Count: > 0 } report => report.Transactions[0].OriginalUetr,
        PaymentStatusRequest { Transactions.Count: > 0 } request => request.Transactions[0].OriginalUetr,
        PaymentReturn { Transactions.Count: > 0 } paymentReturn => paymentReturn.Transactions[0].OriginalUetr,
        CancellationRequest { Transactions.Count: > 0 } cancellation => cancellation.Transactions[0].OriginalUetr,
        ResolutionOfInvestigation { Transactions.Count: > 0 } resolution => resolution.Transactions[0].OriginalUetr,
        _ => null,
    };

    // Called before the quote reply is sent: published on the publisher connection ahead of the reply, the copy reaches
    // every instance's inbound subscription before the pacs.008 that the requester sends after reading the reply.
    private async ValueTask ShareQuotesAsync(QuoteResponse response, CancellationToken cancellationToken)
    {
        if (_partition.IsWhole || response.Quotes.Count == 0)
        {
            return;
        }

        var batch = new QuoteReplicaBatchDto(_partition.Index, [.. response.Quotes.Select(QuoteReplicaDto.From)]);
        await _bus.PublishAsync(ProtocolSubjects.HubPeerQuotes, JsonWire.Serialize(batch), JsonHeaders(), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private void OnPeerQuotes(in BusMessage message)
    {
        if (!JsonWire.TryDeserialize<QuoteReplicaBatchDto>(message.Payload, out var batch, out var rejection))
        {
            Log.BadInput(_logger, message.Subject, rejection.ToString());
            return;
        }

        if (batch!.Partition == _partition.Index)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var book = _quotes.QuoteBook;
        foreach (var replica in batch.Quotes ?? [])
        {
            // A quote id already held is the same quote (ids carry the issuing instance), so it is not added twice.
            if (!replica.TryToQuote(out var quote))
            {
                Log.BadInput(_logger, message.Subject, $"quote {replica.QuoteId} from instance {batch.Partition} does not parse");
            }
            else if (!book.TryGet(quote.QuoteId, out _) && !book.TryAdd(quote, now))
            {
                Log.BadInput(_logger, message.Subject, $"quote {quote.QuoteId} from instance {batch.Partition}: the quote book is full");
            }
        }
    }

    // Instance 0 of a split hub: close every instance's cycle and answer with the combined report. Each instance also
    // publishes its own part as an event, so a peer that does not answer loses nothing; the requester then gets an error
    // naming it instead of a report that would silently leave its payments out.
    private async ValueTask<(SettlementReport? Report, Rejection Problem)> CloseAllCyclesAsync(CancellationToken cancellationToken)
    {
        var parts = new List<SettlementReport> { await CloseCycleAsync(cancellationToken).ConfigureAwait(false) };
        for (var index = 1; index < _partition.Count; index++)
        {
            BusMessage answer;
            try
            {
                answer = await _bus.RequestAsync(ProtocolSubjects.HubPeerSettle(index), ReadOnlyMemory<byte>.Empty, JsonHeaders(), PeerTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (BusException exception)
            {
                return (null, new Rejection(StatusReasonCode.AB05, "partition", $"hub instance {index} of {_partition.Count} did not close its cycle ({exception.Message}); the others did and published their parts"));
            }

            if (!JsonWire.TryDeserialize<SettlementReportDto>(answer.Payload, out var dto, out _) || !dto!.TryToReport(out var part))
            {
                return (null, new Rejection(StatusReasonCode.FF01, "partition", $"hub instance {index} of {_partition.Count} answered with something that is not a settlement report"));
            }

            parts.Add(part);
        }

        return (SettlementReport.Combine(parts), default);
    }

    private async ValueTask OnPeerSettleRequestAsync(BusMessage message, CancellationToken cancellationToken)
    {
        var report = await CloseCycleAsync(cancellationToken).ConfigureAwait(false);
        await ReplyJsonAsync(message, SettlementReportDto.From(report), cancellationToken).ConfigureAwait(false);
    }
}
