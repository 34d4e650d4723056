using PaymentSwitch.Adapters.Workload;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub;

namespace PaymentSwitch.Adapters.Tests;

/// <summary>What happened to one generated payment driven through source switch → hub → destination switch → hub → source.</summary>
internal sealed record RunOutcome(
    ExpectedStage Stage,
    StatusReasonCode Reason,
    Money Instructed = default,
    Money SourceFee = default,
    Money Settled = default,
    Money Credited = default,
    Money DestinationFee = default);

/// <summary>Drives workload items end to end the way the NATS host will: quote, proxy lookup, build, submit, answer, final status.</summary>
internal static class WorkloadRunner
{
    public static RunOutcome Run(AdapterFixture f, WorkloadItem item)
    {
        var source = f[item.SourceIps];
        var destination = f[item.Instruction.DestinationIps];
        var preparation = source.PrepareOutbound(item.Instruction);
        if (!preparation.IsAccepted)
        {
            return new RunOutcome(ExpectedStage.Source, preparation.Rejection!.Value.Reason);
        }

        // A same-currency payment asks for no quote: it is priced from the corridor's fees.
        var quotes = preparation.QuoteRequest is { } request ? f.QuoteEngine.GetQuotes(request) : null;
        if (quotes is { IsRejected: true })
        {
            return new RunOutcome(ExpectedStage.Hub, quotes.Rejections[0].Reason);
        }

        ProxyResolution? resolution = null;
        var creditor = item.Instruction.Creditor;
        if (creditor.IsProxy)
        {
            var lookup = source.BuildProxyLookup(item.Instruction.DebtorAgent, destination.Ips, creditor.ProxyType!, creditor.ProxyValue!);
            if (!ProxyResolution.TryFrom(destination.ProxyLookup(lookup), out resolution, out var reason))
            {
                return new RunOutcome(ExpectedStage.Hub, reason);
            }
        }

        var quote = quotes?.Best;
        var built = quote is null ? source.BuildSameCurrencyOutbound(item.Instruction, resolution) : source.BuildOutbound(item.Instruction, quote, resolution);
        if (!built.IsSent)
        {
            return new RunOutcome(ExpectedStage.Source, built.Rejection!.Value.Reason);
        }

        var decision = f.Hub.Submit(item.SourceIps, built.Transaction!);
        if (decision.Kind != HubDecisionKind.Forwarded)
        {
            Assert.Equal(FinalStatusOutcome.Released, source.OnFinalStatus(built.Uetr, TransactionStatus.RJCT));
            return new RunOutcome(ExpectedStage.Hub, decision.Reason);
        }

        var forwarded = f.Hub.Outputs.ToArray().Single(static o => o.Kind == HubOutputKind.ForwardPayment);
        var answer = destination.Receive(forwarded.Transaction!);
        Assert.True(answer.Answered);
        Assert.Equal(HubDecisionKind.Applied, f.Hub.OnStatusReport(destination.Ips, destination.BuildStatusReport(answer)).Kind);
        var toSource = f.Hub.Outputs.ToArray().Single(static o => o.Kind == HubOutputKind.StatusReport);
        var final = source.OnFinalStatus(toSource.Uetr, toSource.Status);
        if (answer.Status != TransactionStatus.ACCC)
        {
            Assert.Equal(FinalStatusOutcome.Released, final);
            return new RunOutcome(ExpectedStage.Destination, answer.Reason);
        }

        Assert.Equal(FinalStatusOutcome.Debited, final);
        var instructed = built.Transaction!.InstructedAmount ?? built.Transaction.InterbankSettlementAmount;
        return new RunOutcome(ExpectedStage.Accepted, StatusReasonCode.None, instructed, new Money(built.Held.AmountMinor - instructed.AmountMinor, instructed.Currency), answer.SettlementAmount, answer.Credited, answer.DestinationFee);
    }
}
