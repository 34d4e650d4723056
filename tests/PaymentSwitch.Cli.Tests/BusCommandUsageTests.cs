using PaymentSwitch.Hub;

namespace PaymentSwitch.Cli.Tests;

/// <summary>
/// Bad input to the commands that talk to a running switch (hub, adapter, send, quote, lookup, settle, status): each is
/// refused with exit 2 and one line naming the option, before any connection is attempted, and a server that is not
/// there is one line too, never a stack trace.
/// </summary>
public sealed class BusCommandUsageTests : IDisposable
{
    // Nothing listens on port 1 of the loopback: the connection is refused at once.
    private const string NoServer = "nats://127.0.0.1:1";

    private static readonly string[] Quote = ["quote", "--from", "SG-FAST", "--to", "TH-PROMPTPAY", "--psp", "DBSSSGSGXXX", "--amount", "1000.00", "--currency", "SGD"];
    private static readonly string[] Send = ["send", "--from", "SG-FAST", "--debtor-bank", "DBSSSGSGXXX", "--debtor-account", "0721234567", "--to", "TH-PROMPTPAY", "--proxy", "+66-812345678", "--amount", "1000.00", "--currency", "SGD"];
    private static readonly string[] Lookup = ["lookup", "--proxy", "+66-812345678", "--from-psp", "DBSSSGSGXXX", "--to", "TH-PROMPTPAY"];

    private readonly CliRunner _sut = new();

    public void Dispose() => _sut.Dispose();

    [Theory]
    [InlineData("--from")]
    [InlineData("--to")]
    [InlineData("--psp")]
    [InlineData("--amount")]
    [InlineData("--currency")]
    public void Quote_MissingRequiredOption_Exit2NamingIt(string option)
    {
        var result = _sut.Run(Without(Quote, option));

        AssertUsage(result, option);
    }

    [Theory]
    [InlineData("--from", "SG-SLOW", "TH-PROMPTPAY")]
    [InlineData("--to", "XX", "SG-FAST")]
    [InlineData("--psp", "DBS", "BIC")]
    [InlineData("--currency", "SGX", "ISO 4217")]
    [InlineData("--amount", "1,000.00", "xs:decimal")]
    [InlineData("--amount", "-5", "")]
    [InlineData("--amount", "0", "")]
    [InlineData("--fixed", "both", "")]
    [InlineData("--format", "yaml", "")]
    [InlineData("--timeout", "soon", "duration")]
    public void Quote_InvalidOption_Exit2NamingIt(string option, string value, string hint)
    {
        var result = _sut.Run(With(Quote, option, value));

        AssertUsage(result, option);
        Assert.Contains(hint, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quote")]
    [InlineData("send")]
    public void AmountCommands_MoreDecimalsThanTheCurrencyHas_Exit2NamingTheDecimalsRule(string command)
    {
        var args = command == "quote" ? With(Quote, "--amount", "1.001") : With(Send, "--amount", "1.001");

        var result = _sut.Run(args);

        AssertUsage(result, "--amount");
        Assert.Contains("SGD allows at most 2 decimal places; got 3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_JpyAmountWithDecimals_Exit2()
    {
        var result = _sut.Run(With(With(Quote, "--currency", "JPY"), "--amount", "100.5"));

        AssertUsage(result, "--amount");
        Assert.Contains("JPY allows at most 0 decimal places", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_NoServer_Exit2WithOneLineAndNoStackTrace()
    {
        var result = _sut.Run([.. Quote, "--nats", NoServer]);

        AssertUsage(result, "cannot connect to NATS at " + NoServer);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("quote")]
    [InlineData("lookup")]
    [InlineData("settle")]
    [InlineData("status")]
    [InlineData("hub")]
    [InlineData("adapter")]
    public void Commands_NatsUrlNotAUrl_Exit2NamingNats(string command)
    {
        string[] args = command switch
        {
            "quote" => Quote,
            "lookup" => Lookup,
            "status" => ["status", "8a562c67-ca16-48ba-b074-65581be6f001"],
            "adapter" => ["adapter", "--ips", "SG-FAST"],
            _ => [command],
        };

        var result = _sut.Run([.. args, "--nats", "localhost"]);

        AssertUsage(result, "--nats localhost");
    }

    [Theory]
    [InlineData("settle")]
    [InlineData("status")]
    [InlineData("lookup")]
    [InlineData("hub")]
    public void Commands_NoServer_Exit2(string command)
    {
        string[] args = command switch
        {
            "lookup" => Lookup,
            "status" => ["status", "8a562c67-ca16-48ba-b074-65581be6f001"],
            _ => [command],
        };

        var result = _sut.Run([.. args, "--nats", NoServer]);

        AssertUsage(result, "cannot connect to NATS");
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_NotAUetr_Exit2NamingTheUetr()
    {
        var result = _sut.Run("status", "12345");

        AssertUsage(result, "UETR 12345");
    }

    [Fact]
    public void Status_NoUetr_Exit2()
    {
        var result = _sut.Run("status");

        AssertUsage(result, "UETR");
    }

    [Fact]
    public void Settle_UnknownFormat_Exit2NamingFormat()
    {
        var result = _sut.Run("settle", "--format", "xml");

        AssertUsage(result, "--format");
    }

    [Theory]
    [InlineData("--proxy")]
    [InlineData("--from-psp")]
    [InlineData("--to")]
    public void Lookup_MissingRequiredOption_Exit2NamingIt(string option)
    {
        var result = _sut.Run(Without(Lookup, option));

        AssertUsage(result, option);
    }

    [Fact]
    public void Lookup_PspNotAParticipant_Exit2()
    {
        var result = _sut.Run(With(Lookup, "--from-psp", "ABCDSGSGXXX"));

        AssertUsage(result, "--from-psp ABCDSGSGXXX: not a participant");
    }

    [Fact]
    public void Adapter_UnknownIps_Exit2ListingTheValidIds()
    {
        var result = _sut.Run("adapter", "--ips", "SG-SLOW");

        AssertUsage(result, "--ips SG-SLOW");
        foreach (var ips in new[] { "SG-FAST", "TH-PROMPTPAY", "MY-DUITNOW", "ID-BIFAST", "PH-INSTAPAY", "VN-NAPAS", "IN-UPI" })
        {
            Assert.Contains(ips, result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Adapter_NoIps_Exit2()
    {
        AssertUsage(_sut.Run("adapter"), "--ips");
    }

    [Theory]
    [InlineData("--settlement-interval", "0s")]
    [InlineData("--settlement-interval", "8d")]
    [InlineData("--settlement-interval", "hourly")]
    [InlineData("--instance-id", "hub-one")]
    [InlineData("--instance-id", "ABCDEFGHI")]
    [InlineData("--log-level", "verbose")]
    [InlineData("--partition", "2/2")]
    [InlineData("--partition", "0/0")]
    [InlineData("--partition", "0/65")]
    [InlineData("--partition", "first")]
    public void Hub_InvalidOption_Exit2NamingIt(string option, string value)
    {
        AssertUsage(_sut.Run("hub", option, value, "--nats", NoServer), option);
    }

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("1/2", 1, 2)]
    [InlineData("63/64", 63, 64)]
    public void Hub_Partition_ParsesIndexOfCount(string text, int index, int count)
    {
        Assert.True(HubCommand.TryParsePartition(text, out var partition));
        Assert.Equal(new HubPartition(index, count), partition);
    }

    [Theory]
    [InlineData("--from")]
    [InlineData("--debtor-bank")]
    [InlineData("--debtor-account")]
    [InlineData("--to")]
    [InlineData("--amount")]
    [InlineData("--currency")]
    public void Send_MissingRequiredOption_Exit2NamingIt(string option)
    {
        AssertUsage(_sut.Run(Without(Send, option)), option);
    }

    [Theory]
    [InlineData("--from", "SG-SLOW", "expected one of")]
    [InlineData("--to", "SG-FAST", "must differ")]
    [InlineData("--debtor-bank", "DBS", "")]
    [InlineData("--currency", "THB", "SGD")]
    [InlineData("--priority", "URGENT", "")]
    [InlineData("--wait", "0s", "duration")]
    public void Send_InvalidOption_Exit2NamingIt(string option, string value, string hint)
    {
        var result = _sut.Run(With(Send, option, value));

        AssertUsage(result, option);
        Assert.Contains(hint, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_ProxyAndAccountTogether_Exit2()
    {
        var result = _sut.Run([.. Send, "--creditor-bank", "BKKBTHBKXXX", "--creditor-account", "1234567890"]);

        AssertUsage(result, "--proxy or by --creditor-bank");
    }

    [Fact]
    public void Send_NoCreditor_Exit2()
    {
        AssertUsage(_sut.Run(Without(Send, "--proxy")), "--proxy or by --creditor-bank");
    }

    [Fact]
    public void Send_CreditorBankWithoutAccount_Exit2()
    {
        AssertUsage(_sut.Run([.. Without(Send, "--proxy"), "--creditor-bank", "BKKBTHBKXXX"]), "--creditor-account");
    }

    [Fact]
    public void Send_FixedDestinationInTheSourceCurrency_Exit2NamingTheDestinationCurrency()
    {
        var result = _sut.Run([.. Send, "--fixed", "destination"]);

        AssertUsage(result, "--currency SGD");
        Assert.Contains("THB", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500ms", 5_000_000L)]
    [InlineData("30s", 300_000_000L)]
    [InlineData("5m", 3_000_000_000L)]
    [InlineData("1h", 36_000_000_000L)]
    [InlineData("00:00:02", 20_000_000L)]
    public void TryParseDuration_Valid_Ticks(string text, long ticks)
    {
        Assert.True(BusCommandSupport.TryParseDuration(text, out var duration));
        Assert.Equal(ticks, duration.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("5 s")]
    [InlineData("1.5s")]
    [InlineData("-5s")]
    [InlineData("5w")]
    [InlineData("9999999999s")]
    public void TryParseDuration_Invalid_False(string text)
    {
        Assert.False(BusCommandSupport.TryParseDuration(text, out _));
    }

    private static void AssertUsage(CliResult result, string expected)
    {
        Assert.True(result.ExitCode == Cli.Usage, result.ToString());
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    private static string[] Without(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        Assert.True(index > 0, option);
        return [.. args[..index], .. args[(index + 2)..]];
    }

    private static string[] With(string[] args, string option, string value)
    {
        var index = Array.IndexOf(args, option);
        if (index < 0)
        {
            return [.. args, option, value];
        }

        var copy = (string[])args.Clone();
        copy[index + 1] = value;
        return copy;
    }
}
