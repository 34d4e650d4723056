using PaymentSwitch.LoadTest.Reports;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Cli.Tests;

/// <summary>
/// <c>paymentswitch bench</c>: usage errors name the option and change nothing; a short smoke run through a real
/// nats-server (the harness starts its own private one, as a user's run does) writes a consistent results folder.
/// These are not speed tests: they assert what the report says about the payments, never how fast they went.
/// </summary>
[Collection(BenchCollection.Name)]
public sealed class BenchCommandTests(NatsServerFixture fixture) : IClassFixture<NatsServerFixture>, IDisposable
{
    // The runs below assert that every payment they send is accepted, so nothing in them may depend on how fast a busy
    // machine answers. A drain only lasts until the last answer is in, so a long one costs nothing when the machine
    // keeps up, and two minutes outlast the hub's 60 s deadline of a HIGH payment: every payment gets its final answer
    // before the step ends. Without an admission limit, the burst the pacer sends after a stall (it never skips a send)
    // queues instead of being refused at the source.
    private static readonly string[] Unhurried = ["--drain", "2m", "--max-in-flight", "0"];

    private readonly string _folder = Directory.CreateTempSubdirectory("paymentswitch-bench-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("--duration", "soon", "--duration")]
    [InlineData("--proxy-share", "150", "--proxy-share")]
    [InlineData("--corridor", "SG-FAST", "--corridor")]
    [InlineData("--rates", "100,fast", "--rates")]
    [InlineData("--hubs", "0", "HubInstances")]
    [InlineData("--max-in-flight", "-1", "AdapterMaxInFlight")]
    [InlineData("--rate", "0", "Rate")]
    public void Bench_InvalidOption_Exit2NamingItAndWritesNothing(string option, string value, string named)
    {
        var output = Path.Combine(_folder, "out");

        var (exit, _, error) = Run("bench", option, value, "-o", output);

        Assert.Equal(Cli.Usage, exit);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Bench_UnknownCorridor_Exit2NamingTheCorridor()
    {
        var (exit, _, error) = Run("bench", "--corridor", "SG-FAST>XX-NOWHERE=2", "--no-ceiling", "-o", Path.Combine(_folder, "out"));

        Assert.Equal(Cli.Usage, exit);
        Assert.Contains("SG-FAST>XX-NOWHERE", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_SameCurrencyShareOnTheAseanTopology_Exit2Explaining()
    {
        var (exit, stdout, error) = Run("bench", "--cross-currency-share", "50", "--no-ceiling", "-o", Path.Combine(_folder, "out"));

        Assert.Equal(Cli.Usage, exit);
        Assert.Contains("same-currency", error, StringComparison.Ordinal);
        Assert.Contains("--topology bench/topologies/asean-eur.json", error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error, StringComparison.Ordinal);
        Assert.DoesNotContain("PaymentSwitch bench", stdout, StringComparison.Ordinal); // refused before the run starts
    }

    [Fact]
    public void Bench_MissingTopologyFile_Exit2NamingTheOptionAndTheFile()
    {
        var missing = Path.Combine(_folder, "no-such-topology.json");
        var output = Path.Combine(_folder, "out");

        var (exit, stdout, error) = Run("bench", "--topology", missing, "--no-ceiling", "-o", output);

        Assert.Equal(Cli.Usage, exit);
        Assert.Contains("--topology", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.Contains("no such file", error, StringComparison.Ordinal);
        Assert.DoesNotContain("PaymentSwitch bench", stdout, StringComparison.Ordinal); // refused before the run starts
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("""{ "ips": [ { "id": "EU-TIPS", "name": "TIPS", "country": "DE", "currency": "EUX" } ], "participants": [], "fxProviders": [], "corridors": [] }""", "$.ips[0].currency")]
    public void Bench_InvalidTopologyFile_Exit2ListingTheLoadersMessages(string json, string expected)
    {
        var file = Path.Combine(_folder, "bad-topology.json");
        File.WriteAllText(file, json);

        var (exit, _, error) = Run("bench", "--topology", file, "--no-ceiling", "-o", Path.Combine(_folder, "out"));

        Assert.Equal(Cli.Usage, exit);
        Assert.Contains("--topology '" + file + "'", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_ProfilesForAnotherTopology_Exit2NamingProfilesAndTheUnknownIps()
    {
        // The euro profiles against the embedded ASEAN topology: EU-TIPS and EU-RT1 are not in it.
        var (exit, _, error) = Run("bench", "--profiles", LoadWorkloadTests.AseanEurProfilesFile, "--no-ceiling", "-o", Path.Combine(_folder, "out"));

        Assert.Equal(Cli.Usage, exit);
        Assert.Contains("--profiles '" + LoadWorkloadTests.AseanEurProfilesFile + "'", error, StringComparison.Ordinal);
        Assert.Contains("EU-TIPS", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_EmptyTopologyName_Exit2NamingTheOption()
    {
        var (exit, _, error) = Run("bench", "--topology", " ", "--no-ceiling", "-o", Path.Combine(_folder, "out"));

        Assert.Equal(Cli.Usage, exit);
        Assert.Contains("--topology needs a file name", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5", 1_500)]
    [InlineData("00:01:00", 60_000)]
    public void TryParseDuration_Forms_ReadAsMilliseconds(string text, long milliseconds)
    {
        Assert.True(BenchCommand.TryParseDuration(text, out var duration));
        Assert.Equal(milliseconds, (long)duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ten seconds")]
    [InlineData("-5s")]
    public void TryParseDuration_NotADuration_False(string text) => Assert.False(BenchCommand.TryParseDuration(text, out _));

    [SkippableFact]
    public void Bench_ShortSweep_WritesAConsistentResultsFolder()
    {
        fixture.RequireServer();
        var output = Path.Combine(_folder, "sweep");

        var (exit, stdout, error) = Run(
        [
            "bench", "--mode", "sweep", "--rates", "200,100", "--duration", "2s", "--warmup", "1s", .. Unhurried,
            "--ceiling-duration", "1s", "--corridor", "SG-FAST>TH-PROMPTPAY=3", "--corridor", "MY-DUITNOW>PH-INSTAPAY", "--pool", "500", "-o", output,
        ]);

        Assert.True(exit == Cli.Ok, stdout + error);
        foreach (var file in new[]
        {
            ReportWriter.JsonFileName, ReportWriter.StepsCsvFileName, ReportWriter.TimelineCsvFileName, ReportWriter.SummaryMarkdownFileName,
            ReportWriter.SummaryHtmlFileName, ReportWriter.LatencyVsRatePngFileName, ReportWriter.ThroughputPngFileName, ReportWriter.LatencyDistributionPngFileName,
        })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file + " is missing");
        }

        var report = ReportWriter.ReadJson(Path.Combine(output, ReportWriter.JsonFileName));

        // Steps run in increasing rate order, each sending exactly rate × duration payments, every one accounted for.
        Assert.Equal([100m, 200m], report.Steps.Select(static s => s.OfferedRate!.Value));
        Assert.Equal([200L, 400L], report.Steps.Select(static s => s.Sent));
        Assert.All(report.Steps, static step =>
        {
            Assert.Equal(LoadModes.Open, step.Mode);
            Assert.Equal(step.Sent, step.Accepted + step.Rejected + step.TimedOut + step.RefusedAtSource);
            Assert.Equal(step.Sent, step.Accepted); // reliable IPSs, funded customers: every payment is credited
            Assert.Equal(step.Sent, step.Latency.Count);
            Assert.True(step.Latency.P50Micros <= step.Latency.P99Micros && step.Latency.P99Micros <= step.Latency.MaxMicros);
            Assert.Contains(step.Hops.Keys, static hop => hop.StartsWith("hub pacs.008", StringComparison.Ordinal));
            Assert.NotNull(step.CeilingRatio);
            Assert.Equal(step.Sent, step.Timeline.Sum(static p => p.Sent));
        });

        // The ceiling: measured on the same server, at the run's own message size and count per payment.
        var ceiling = Assert.IsType<CeilingResult>(report.Ceiling);
        Assert.True(ceiling.RawMessagesPerSecond > 0);
        Assert.InRange(ceiling.MessagesPerPayment, 6, 20); // quote 2, pacs.008 2, pacs.002 2, plus events and proxy lookups
        Assert.Equal(Math.Round((decimal)(report.Steps[0].AchievedRate / ceiling.CeilingPaymentsPerSecond), 9), Math.Round(((decimal?)report.Steps[0].CeilingRatio)!.Value, 9));
        Assert.Contains("SG-FAST>TH-PROMPTPAY", report.Settings["poolCorridors"], StringComparison.Ordinal);
        Assert.DoesNotContain("IN-UPI", report.Settings["poolCorridors"], StringComparison.Ordinal);

        var steps = File.ReadAllLines(Path.Combine(output, ReportWriter.StepsCsvFileName));
        Assert.Equal(1 + report.Steps.Count, steps.Length);
        var summary = File.ReadAllText(Path.Combine(output, ReportWriter.SummaryMarkdownFileName));
        Assert.Contains(ReportWriter.LatencyVsRatePngFileName, summary, StringComparison.Ordinal);
        Assert.Contains(ReportWriter.ThroughputPngFileName, summary, StringComparison.Ordinal);
        Assert.Contains("Targets", stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Bench_ShortClosedLoop_OneClosedStepWithoutCeiling()
    {
        fixture.RequireServer();
        var output = Path.Combine(_folder, "closed");

        var (exit, stdout, error) = Run("bench", "--mode", "closed", "--concurrency", "8", "--duration", "2s", "--warmup", "1s", "--no-ceiling", "--pool", "500", "-o", output);

        Assert.True(exit == Cli.Ok, stdout + error);
        var report = ReportWriter.ReadJson(Path.Combine(output, ReportWriter.JsonFileName));
        var step = Assert.Single(report.Steps);
        Assert.Equal(LoadModes.Closed, step.Mode);
        Assert.Null(step.OfferedRate);
        Assert.Null(report.Ceiling);
        Assert.True(step.Sent > 8);
        Assert.Equal(step.Sent, step.Accepted + step.Rejected + step.TimedOut + step.RefusedAtSource);
    }

    [SkippableFact]
    public void Bench_AseanEurTopologyHalfCrossCurrency_SameCurrencyPaymentsAcceptedEndToEnd()
    {
        fixture.RequireServer();
        var output = Path.Combine(_folder, "asean-eur");

        var (exit, stdout, error) = Run(
        [
            "bench", "--topology", LoadWorkloadTests.AseanEurTopologyFile, "--cross-currency-share", "50", "--rate", "100", "--duration", "2s",
            "--warmup", "1s", .. Unhurried, "--no-ceiling", "--pool", "400", "-o", output,
        ]);

        Assert.True(exit == Cli.Ok, stdout + error);
        var report = ReportWriter.ReadJson(Path.Combine(output, ReportWriter.JsonFileName));
        Assert.Equal(Path.GetFullPath(LoadWorkloadTests.AseanEurTopologyFile), report.Settings["topology"]);
        Assert.Equal(Path.GetFullPath(LoadWorkloadTests.AseanEurProfilesFile), report.Settings["profiles"]);
        Assert.Equal("cross-currency 200, same-currency 200", report.Settings["poolCurrencyKinds"]);
        Assert.Contains("EU-TIPS>EU-RT1", report.Settings["poolCorridors"], StringComparison.Ordinal);
        var step = Assert.Single(report.Steps);

        // Every payment accepted end to end, half of them between the two euro IPSs without an FX quote.
        Assert.Equal(200, step.Sent);
        Assert.Equal(step.Sent, step.Accepted);
        var kinds = step.OutcomesByCurrencyKind;
        Assert.Equal(step.Sent, kinds["cross-currency accepted"] + kinds["same-currency accepted"]);
        Assert.InRange(kinds["same-currency accepted"], 99, 101);
        Assert.Contains("Payments by currency kind", File.ReadAllText(Path.Combine(output, ReportWriter.SummaryMarkdownFileName)), StringComparison.Ordinal);
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var input = new StringReader(string.Empty);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Cli.Run(args, input, output, error, TimeProvider.System);
        return (exit, output.ToString(), error.ToString());
    }
}

/// <summary>The bench tests load the machine on purpose: they run alone, not beside other tests' timing-sensitive scenarios.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BenchCollection
{
    public const string Name = "bench";
}
