namespace PaymentSwitch.Cli.Tests;

/// <summary>
/// <c>send</c> without <c>--nats</c>: the whole switch in the test process on the in-process bus, one payment through
/// it, and the ISO 20022 messages it exchanged printed as XML. Real time, because the simulated IPSs answer after
/// their sampled latency (the same for every run: in-process the UETRs, and so every draw, come from the seed).
/// </summary>
public sealed class SendCommandTests
{
    // The wait for the final pacs.002 outlasts the hub's 60 s deadline for a HIGH payment, so however busy the machine
    // the outcome is the hub's or the destination's answer, never the command giving up first.
    private static readonly string[] SgdToThbByProxy =
    [
        "send", "--from", "SG-FAST", "--debtor-bank", "DBSSSGSGXXX", "--debtor-account", "0721234567", "--to", "TH-PROMPTPAY",
        "--proxy", "+66-812345678", "--proxy-type", "MBNO", "--amount", "1000.00", "--currency", "SGD", "--priority", "HIGH", "--wait", "2m",
    ];

    [Fact]
    public void Send_InProcessByProxy_AcceptedPrintingLookupQuotePaymentAndStatusMessages()
    {
        var (exit, output, error) = Run(SgdToThbByProxy);

        Assert.True(exit == Cli.Ok, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("Started the hub and 7 adapters on the in-process bus.", output, StringComparison.Ordinal);

        // acmt.023 to the hub and on to PromptPay's directory, the acmt.024 back, the quote request, the pacs.008 in and
        // forwarded, the destination's pacs.002 and the hub's pacs.002 to the source, in that order.
        var order = new[]
        {
            "── ps.v1.hub.lookup  acmt.023",
            "── ps.v1.ips.TH-PROMPTPAY.lookup  acmt.023",
            "── reply  acmt.024",
            "── ps.v1.hub.quotes",
            "── ps.v1.hub.in.SG-FAST  pacs.008",
            "── ps.v1.ips.TH-PROMPTPAY.in  pacs.008",
            "── ps.v1.hub.in.TH-PROMPTPAY  pacs.002",
            "── ps.v1.ips.SG-FAST.in  pacs.002",
            "Outcome: ACCEPTED (ACCC)",
        };
        var at = 0;
        foreach (var step in order)
        {
            var next = output.IndexOf(step, at, StringComparison.Ordinal);
            Assert.True(next >= 0, $"'{step}' missing or out of order\n{output}");
            at = next;
        }

        Assert.Contains("<InstdAmt Ccy=\"SGD\">1000.00</InstdAmt>", output, StringComparison.Ordinal);
        Assert.Contains("<Id>+66-812345678</Id>", output, StringComparison.Ordinal);
        Assert.Contains("<InstrPrty>HIGH</InstrPrty>", output, StringComparison.Ordinal);
        Assert.Contains("\"minor\":100000", output, StringComparison.Ordinal);
        Assert.Contains("Quote Q-", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_UnknownDebtorAccount_RefusedAtTheSourceExit1WithoutAPaymentMessage()
    {
        var args = (string[])SgdToThbByProxy.Clone();
        args[Array.IndexOf(args, "--debtor-account") + 1] = "0000000000";

        var (exit, output, error) = Run([.. args, "--quiet"]);

        Assert.True(exit == Cli.Invalid, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("Outcome: REFUSED by the source IPS before sending", output, StringComparison.Ordinal);
        Assert.Contains("AC01", output, StringComparison.Ordinal);
        Assert.DoesNotContain("pacs.008", output, StringComparison.Ordinal);
    }

    private static (int Exit, string Output, string Error) Run(string[] args)
    {
        using var output = new LockedStringWriter();
        using var error = new LockedStringWriter();
        var exit = Cli.Run(args, new CliConsole(TextReader.Null, output, error, TimeProvider.System));
        return (exit, output.ToString(), error.ToString());
    }
}
