namespace PaymentSwitch.Cli.Tests;

/// <summary>
/// Bad input to <c>paymentswitch fxp</c>: refused with exit 2 and one line naming the option before any connection is
/// attempted; an unknown FX provider lists the valid ids; no server or no hub is one line too.
/// </summary>
public sealed class FxpCommandTests : IDisposable
{
    // Nothing listens on port 1 of the loopback: the connection is refused at once.
    private const string NoServer = "nats://127.0.0.1:1";

    private readonly CliRunner _sut = new();

    public void Dispose() => _sut.Dispose();

    [Theory]
    [InlineData("ABCDSGSGXXX")]
    [InlineData("SCBLSGSGXXX")] // A PSP, not an FX provider.
    [InlineData("CIMB")]
    public void Fxp_UnknownId_Exit2ListingTheValidIds(string id)
    {
        var result = _sut.Run("fxp", "--id", id, "--nats", NoServer);

        AssertUsage(result, $"--id {id}: not an FX provider");
        Assert.Contains("CIBBMYKLXXX", result.Error, StringComparison.Ordinal);
        Assert.Contains("DBSSSGSGXXX", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot connect", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fxp_NoId_Exit2NamingIt()
    {
        AssertUsage(_sut.Run("fxp", "--nats", NoServer), "--id");
    }

    [Theory]
    [InlineData("--interval", "0s")]
    [InlineData("--interval", "21m")]
    [InlineData("--interval", "often")]
    [InlineData("--max-step-bps", "101")]
    [InlineData("--max-step-bps", "-1")]
    [InlineData("--seed", "seven")]
    [InlineData("--log-level", "verbose")]
    public void Fxp_InvalidOption_Exit2NamingIt(string option, string value)
    {
        var result = _sut.Run("fxp", "--id", "CIBBMYKLXXX", option, value, "--nats", NoServer);

        AssertUsage(result, option);
        Assert.DoesNotContain("cannot connect", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fxp_NatsUrlNotAUrl_Exit2NamingNats()
    {
        AssertUsage(_sut.Run("fxp", "--id", "DBSSSGSGXXX", "--nats", "localhost"), "--nats localhost");
    }

    [Fact]
    public void Fxp_NoServer_Exit2WithOneLineAndNoStackTrace()
    {
        var result = _sut.Run("fxp", "--id", "dbsssgsg", "--nats", NoServer);

        AssertUsage(result, "cannot connect to NATS at " + NoServer);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static void AssertUsage(CliResult result, string expected)
    {
        Assert.True(result.ExitCode == Cli.Usage, result.ToString());
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }
}
