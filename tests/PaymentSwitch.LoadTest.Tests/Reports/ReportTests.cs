using System.Text.Json;
using PaymentSwitch.LoadTest.Recording;
using PaymentSwitch.LoadTest.Reports;

namespace PaymentSwitch.LoadTest.Tests.Reports;

/// <summary>The report files: every one written, PNGs real, JSON round-trips, CSV one row per step/interval, summaries complete.</summary>
public sealed class ReportTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "loadtest-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void WriteAll_SyntheticRun_WritesEveryFile()
    {
        var report = Synthetic.Report();

        var written = ReportWriter.WriteAll(report, _directory);

        string[] expected =
        [
            "results.json", "steps.csv", "timeline.csv", "latency-vs-rate.png", "throughput.png", "latency-distribution.png", "summary.md", "summary.html",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), written.Select(Path.GetFileName).Order(StringComparer.Ordinal)!);
        foreach (var name in expected)
        {
            Assert.True(File.Exists(Path.Combine(_directory, name)), name);
        }

        foreach (var png in expected.Where(static n => n.EndsWith(".png", StringComparison.Ordinal)))
        {
            var bytes = File.ReadAllBytes(Path.Combine(_directory, png));
            Assert.Equal(PngSignature, bytes.Take(PngSignature.Length));
            Assert.True(bytes.Length > 10_000, $"{png} is only {bytes.Length} bytes");
        }
    }

    [Fact]
    public void WriteAll_OneStepAndNoData_StillWritesPlots()
    {
        var single = Synthetic.Report() with { Steps = [Synthetic.Report().Steps[0]] };
        ReportWriter.WriteAll(single, _directory);
        Assert.True(new FileInfo(Path.Combine(_directory, "latency-vs-rate.png")).Length > 5_000);

        var empty = new LoadRunReport { StartedAt = Synthetic.StartedAt, Environment = RunEnvironment.Current() }.WithDerivedResults();
        var emptyDirectory = Path.Combine(_directory, "empty");
        ReportWriter.WriteAll(empty, emptyDirectory);
        Assert.Equal(PngSignature, File.ReadAllBytes(Path.Combine(emptyDirectory, "throughput.png")).Take(8));
        Assert.Contains("No steps were run.", File.ReadAllText(Path.Combine(emptyDirectory, "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadJson_WrittenReport_RoundTripsToEqualReport()
    {
        var report = Synthetic.Report();
        ReportWriter.WriteAll(report, _directory);

        var read = ReportWriter.ReadJson(Path.Combine(_directory, "results.json"));

        // Records holding lists compare lists by reference, so equality is checked on the JSON and on the numbers.
        Assert.Equal(ReportWriter.ToJson(report), ReportWriter.ToJson(read));
        Assert.Equal(report.StartedAt, read.StartedAt);
        Assert.Equal(report.Environment, read.Environment);
        Assert.Equal(report.Ceiling, read.Ceiling);
        Assert.Equal(report.Settings, read.Settings);
        Assert.Equal(report.Targets, read.Targets);
        Assert.Equal(report.Steps.Count, read.Steps.Count);
        for (var i = 0; i < report.Steps.Count; i++)
        {
            var (a, b) = (report.Steps[i], read.Steps[i]);
            Assert.Equal(a with { Hops = b.Hops, RejectionsByReason = b.RejectionsByReason, OutcomesByCurrencyKind = b.OutcomesByCurrencyKind, Timeline = b.Timeline, Distribution = b.Distribution }, b);
            Assert.Equal(a.Hops, b.Hops);
            Assert.Equal(a.RejectionsByReason, b.RejectionsByReason);
            Assert.Equal(a.OutcomesByCurrencyKind, b.OutcomesByCurrencyKind);
            Assert.Equal(a.Timeline, b.Timeline);
            Assert.Equal(a.Distribution, b.Distribution);
        }
    }

    [Fact]
    public void ToJson_Report_IsCamelCaseWithReasonCodesAsGiven()
    {
        using var json = JsonDocument.Parse(ReportWriter.ToJson(Synthetic.Report()));
        var step = json.RootElement.GetProperty("steps")[0];
        Assert.Equal(10_000m, step.GetProperty("offeredRate").GetDecimal());
        Assert.Equal(3, step.GetProperty("rejectionsByReason").GetProperty("AM04").GetInt64());
        Assert.Equal("passed", json.RootElement.GetProperty("targets")[2].GetProperty("status").GetString());
        Assert.Equal(20_000, json.RootElement.GetProperty("ceiling").GetProperty("ceilingPaymentsPerSecond").GetDouble());
    }

    [Fact]
    public void Csv_SyntheticRun_OneRowPerStepAndPerInterval()
    {
        var report = Synthetic.Report();
        ReportWriter.WriteAll(report, _directory);

        var steps = File.ReadAllLines(Path.Combine(_directory, "steps.csv"));
        Assert.StartsWith("step,mode,offeredRate,durationSeconds,sent,", steps[0], StringComparison.Ordinal);
        Assert.Equal(1 + report.Steps.Count, steps.Length);
        Assert.StartsWith("1,open,10000,5,", steps[1], StringComparison.Ordinal);
        Assert.StartsWith("3,closed,,5,", steps[3], StringComparison.Ordinal);
        var columns = steps[0].Split(',').Length;
        Assert.All(steps, line => Assert.Equal(columns, line.Split(',').Length));

        var timeline = File.ReadAllLines(Path.Combine(_directory, "timeline.csv"));
        Assert.StartsWith("step,mode,offeredRate,interval,startSeconds,", timeline[0], StringComparison.Ordinal);
        Assert.Equal(1 + report.Steps.Sum(static s => s.Timeline.Count), timeline.Length);
        Assert.StartsWith("2,open,25000,4,4,1,25000,", timeline[10], StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryMarkdown_SyntheticRun_MentionsEveryStepRateAndLinksEveryPlot()
    {
        var report = Synthetic.Report();
        ReportWriter.WriteAll(report, _directory);
        var md = File.ReadAllText(Path.Combine(_directory, "summary.md"));

        Assert.Contains("10,000", md, StringComparison.Ordinal);
        Assert.Contains("25,000", md, StringComparison.Ordinal);
        Assert.Contains("closed", md, StringComparison.Ordinal);
        Assert.Contains("](latency-vs-rate.png)", md, StringComparison.Ordinal);
        Assert.Contains("](throughput.png)", md, StringComparison.Ordinal);
        Assert.Contains("](latency-distribution.png)", md, StringComparison.Ordinal);
        Assert.Contains("AM04", md, StringComparison.Ordinal);
        Assert.Contains("Payments by currency kind", md, StringComparison.Ordinal);
        Assert.Contains("same-currency rejected", md, StringComparison.Ordinal);
        Assert.Contains("PASS", md, StringComparison.Ordinal);
        Assert.Contains("FAIL", md, StringComparison.Ordinal);
        // A setting with Markdown syntax in it cannot break the table.
        Assert.Contains(@"a \| b", md, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryHtml_SyntheticRun_EscapesTextAndEmbedsEveryPlot()
    {
        var report = Synthetic.Report();
        ReportWriter.WriteAll(report, _directory);
        var html = File.ReadAllText(Path.Combine(_directory, "summary.html"));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"latency-vs-rate.png\"", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"throughput.png\"", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"latency-distribution.png\"", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("25,000", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_PassingRun_AllPass()
    {
        var report = Synthetic.Report(bestAchieved: 26_000, p99AtTenThousandMicros: 9_000, rawMessagesPerSecond: 100_000);

        var targets = report.Targets;

        Assert.Equal([TargetEvaluator.SustainedName, TargetEvaluator.CeilingRatioName, TargetEvaluator.P99Name], targets.Select(static t => t.Name));
        Assert.All(targets, static t => Assert.Equal(TargetStatus.Passed, t.Status));
        Assert.Equal(26_000, targets[0].MeasuredValue);
        Assert.Equal(26_000 / 25_000.0, targets[1].MeasuredValue!.Value, 9);
        Assert.Equal(9, targets[2].MeasuredValue);
    }

    [Fact]
    public void Targets_FailingRun_EachFails()
    {
        var report = Synthetic.Report(bestAchieved: 24_999, p99AtTenThousandMicros: 10_001, rawMessagesPerSecond: 400_000);

        var targets = report.Targets;

        Assert.All(targets, static t => Assert.Equal(TargetStatus.Failed, t.Status));
        Assert.All(targets, static t => Assert.False(t.Passed));
        Assert.Equal(24_999 / 100_000.0, report.Steps[1].CeilingRatio!.Value, 9);
    }

    [Fact]
    public void Targets_NoCeilingAndNoTenThousandStep_NotApplicable()
    {
        var report = Synthetic.Report() with { Ceiling = null };
        report = report with { Steps = report.Steps.Where(static s => s.OfferedRate != 10_000m).ToArray() };

        var targets = report.WithDerivedResults().Targets;

        Assert.Equal(TargetStatus.NotApplicable, targets[1].Status);
        Assert.Null(targets[1].Passed);
        Assert.Equal(TargetStatus.NotApplicable, targets[2].Status);
        Assert.Null(report.WithDerivedResults().Steps[0].CeilingRatio);
    }

    [Fact]
    public void Targets_CustomThresholds_Applied()
    {
        var report = Synthetic.Report(bestAchieved: 26_000, p99AtTenThousandMicros: 9_000, rawMessagesPerSecond: 100_000);

        var targets = TargetEvaluator.Evaluate(report, new TargetThresholds(SustainedPaymentsPerSecond: 30_000, MaxP99Milliseconds: 5));

        Assert.Equal(TargetStatus.Failed, targets[0].Status);
        Assert.Equal(TargetStatus.Passed, targets[1].Status);
        Assert.Equal(TargetStatus.Failed, targets[2].Status);
    }

    /// <summary>A small synthetic run: two open-loop steps (10,000/s and 25,000/s) and one closed-loop step.</summary>
    private static class Synthetic
    {
        public static readonly DateTimeOffset StartedAt = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

        public static LoadRunReport Report(double bestAchieved = 24_000, long p99AtTenThousandMicros = 4_200, double rawMessagesPerSecond = 80_000) =>
            new LoadRunReport
            {
                StartedAt = StartedAt,
                Settings = new Dictionary<string, string>
                {
                    ["rates"] = "10000,25000",
                    ["corridors"] = "SG-FAST→TH-PROMPTPAY",
                    ["note"] = "a | b <script>alert(1)</script>",
                },
                Environment = new RunEnvironment(2, "Debian GNU/Linux 13", ".NET 10.0.0", "nats-server: v2.11.4"),
                Ceiling = new CeilingResult(1_200, 4, rawMessagesPerSecond),
                Steps =
                [
                    Step(LoadModes.Open, 10_000m, 9_990, p99AtTenThousandMicros),
                    Step(LoadModes.Open, 25_000m, bestAchieved, 48_000),
                    Step(LoadModes.Closed, null, 8_000, 2_000),
                ],
            }.WithDerivedResults();

        private static LoadStepResult Step(string mode, decimal? offered, double achieved, long p99Micros)
        {
            var latency = new LatencyRecorder(1_000_000);
            var timeline = new ThroughputTimeline(0, 1_000_000);
            var sent = (long)(offered ?? 8_000m);
            for (var second = 0; second < 5; second++)
            {
                for (var i = 0; i < 100; i++)
                {
                    var at = (second * 1_000_000L) + (i * 10_000L);
                    var micros = i == 99 ? p99Micros * 2 : i >= 98 ? p99Micros : 300 + (i * 10);
                    latency.Record(at, at + micros);
                    latency.RecordServiceTime(at, at + 250 + i);
                    timeline.RecordSent(at);
                    timeline.RecordCompleted(at + micros, i % 50 == 0 ? PaymentOutcome.Rejected : PaymentOutcome.Accepted, micros);
                }
            }

            var scaledTimeline = timeline.Snapshot().Select(p => p with
            {
                Sent = p.Sent * sent / 100,
                Completed = (long)(p.Completed * achieved / 100),
                Accepted = (long)(p.Accepted * achieved / 100),
            }).ToArray();
            var snapshot = latency.LatencySnapshot();
            return new LoadStepResult
            {
                Mode = mode,
                OfferedRate = offered,
                Duration = TimeSpan.FromSeconds(5),
                Sent = sent * 5,
                Completed = (long)(achieved * 5),
                Accepted = (long)(achieved * 5) - 3,
                Rejected = 3,
                TimedOut = 1,
                RefusedAtSource = 2,
                AchievedRate = achieved,
                Latency = snapshot.Summary with { P99Micros = p99Micros },
                ServiceTime = latency.ServiceTimeSnapshot().Summary,
                Hops = new Dictionary<string, LatencySummary> { ["hub"] = new(500, 12.5, 10, 20, 40, 80, 95), ["destination"] = new(500, 150.25, 140, 180, 300, 400, 410) },
                RejectionsByReason = new Dictionary<string, long> { ["AM04"] = 3 },
                OutcomesByCurrencyKind = new Dictionary<string, long> { ["cross-currency accepted"] = (long)(achieved * 5) - 3, ["same-currency rejected"] = 3 },
                Process = new ProcessStats(5, 7.5, 75, 2, 300_000_000, 120_000_000, 40, 3, 1, 2_000_000_000),
                Timeline = scaledTimeline,
                Distribution = snapshot.Distribution,
            };
        }
    }
}
