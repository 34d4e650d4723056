using System.Globalization;
using System.Net;
using System.Text;

namespace PaymentSwitch.LoadTest.Reports;

public static partial class ReportWriter
{
    private static readonly (string File, string Alt)[] Plots =
    [
        (LatencyVsRatePngFileName, "Latency percentiles vs offered rate"),
        (ThroughputPngFileName, "Offered vs achieved throughput over time"),
        (LatencyDistributionPngFileName, "Latency percentile distribution"),
    ];

    /// <summary><c>summary.md</c>: settings, environment, ceiling, steps, rejections, targets and the plots (relative links).</summary>
    public static string SummaryMarkdown(LoadRunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("# PaymentSwitch load test\n\n");
        md.Append("Started ").Append(Md(report.StartedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'zzz", CultureInfo.InvariantCulture))).Append(".\n");
        foreach (var section in Sections(report))
        {
            md.Append("\n## ").Append(Md(section.Title)).Append("\n\n");
            foreach (var line in section.Lines)
            {
                md.Append(Md(line)).Append('\n');
            }

            if (section.Table is { } table)
            {
                if (section.Lines.Count > 0)
                {
                    md.Append('\n');
                }

                md.Append("| ").AppendJoin(" | ", table.Headers.Select(Md)).Append(" |\n");
                md.Append('|').AppendJoin('|', table.Headers.Select(static _ => "---")).Append("|\n");
                foreach (var row in table.Rows)
                {
                    md.Append("| ").AppendJoin(" | ", row.Select(Md)).Append(" |\n");
                }
            }
        }

        md.Append("\n## Plots\n\n");
        foreach (var (file, alt) in Plots)
        {
            md.Append("![").Append(Md(alt)).Append("](").Append(file).Append(")\n\n");
        }

        return md.ToString();
    }

    /// <summary><c>summary.html</c>: the same as <see cref="SummaryMarkdown"/>, self-contained apart from the PNGs beside it.</summary>
    public static string SummaryHtml(LoadRunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>PaymentSwitch load test</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}\n")
            .Append("table{border-collapse:collapse;margin:0.5em 0}th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left}\n")
            .Append("th{background:#f3f3f3}td.pass{color:#11772b;font-weight:bold}td.fail{color:#b00020;font-weight:bold}\n")
            .Append("img{max-width:100%;border:1px solid #ddd;margin:0.5em 0}\n")
            .Append("</style>\n</head>\n<body>\n<h1>PaymentSwitch load test</h1>\n<p>Started ")
            .Append(Html(report.StartedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'zzz", CultureInfo.InvariantCulture))).Append(".</p>\n");
        foreach (var section in Sections(report))
        {
            html.Append("<h2>").Append(Html(section.Title)).Append("</h2>\n");
            foreach (var line in section.Lines)
            {
                html.Append("<p>").Append(Html(line)).Append("</p>\n");
            }

            if (section.Table is { } table)
            {
                html.Append("<table>\n<tr>");
                foreach (var header in table.Headers)
                {
                    html.Append("<th>").Append(Html(header)).Append("</th>");
                }

                html.Append("</tr>\n");
                foreach (var row in table.Rows)
                {
                    html.Append("<tr>");
                    foreach (var cell in row)
                    {
                        var css = cell == PassText ? " class=\"pass\"" : cell == FailText ? " class=\"fail\"" : "";
                        html.Append("<td").Append(css).Append('>').Append(Html(cell)).Append("</td>");
                    }

                    html.Append("</tr>\n");
                }

                html.Append("</table>\n");
            }
        }

        html.Append("<h2>Plots</h2>\n");
        foreach (var (file, alt) in Plots)
        {
            html.Append("<p><img src=\"").Append(Html(file)).Append("\" alt=\"").Append(Html(alt)).Append("\"></p>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private const string PassText = "PASS";
    private const string FailText = "FAIL";

    private sealed record SummaryTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

    private sealed record SummarySection(string Title, IReadOnlyList<string> Lines, SummaryTable? Table = null);

    // The summary's content once, rendered by both the Markdown and the HTML writer.
    private static IEnumerable<SummarySection> Sections(LoadRunReport report)
    {
        if (report.Settings.Count > 0)
        {
            yield return new SummarySection("Settings", [], new SummaryTable(["Setting", "Value"],
                report.Settings.OrderBy(static p => p.Key, StringComparer.Ordinal).Select(static p => (IReadOnlyList<string>)[p.Key, p.Value]).ToArray()));
        }

        var env = report.Environment;
        yield return new SummarySection("Environment", [], new SummaryTable(["Item", "Value"],
        [
            ["Processors", Int(env.ProcessorCount)],
            ["Operating system", env.OsDescription],
            [".NET", env.DotNetVersion],
            ["nats-server", env.NatsServerVersion ?? "n/a"],
        ]));

        if (report.Ceiling is { } ceiling)
        {
            yield return new SummarySection("Transport ceiling",
            [
                $"{Rate(ceiling.RawMessagesPerSecond)} messages/s of {Int(ceiling.MessageSizeBytes)} bytes; at {ceiling.MessagesPerPayment.ToString("0.#", CultureInfo.InvariantCulture)} messages per payment the transport alone allows {Rate(ceiling.CeilingPaymentsPerSecond)} payments/s.",
            ]);
        }

        yield return new SummarySection("Steps",
            report.Steps.Count == 0 ? ["No steps were run."] : ["Latency is measured from each payment's intended send time (corrected for coordinated omission); service time from its actual send."],
            report.Steps.Count == 0 ? null : new SummaryTable(
                ["#", "Mode", "Offered/s", "Duration s", "Sent", "Answered", "Achieved/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "Service p99 ms", "Rejected", "Timed out", "Refused at source", "× ceiling"],
                report.Steps.Select(static (s, i) => (IReadOnlyList<string>)
                [
                    Int(i + 1), s.Mode, s.OfferedRate is { } r ? r.ToString("#,0.######", CultureInfo.InvariantCulture) : "n/a",
                    s.Duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture), Int(s.Sent), Int(s.Completed), Rate(s.AchievedRate),
                    Ms(s.Latency.P50Micros), Ms(s.Latency.P90Micros), Ms(s.Latency.P99Micros), Ms(s.Latency.P999Micros), Ms(s.Latency.MaxMicros),
                    Ms(s.ServiceTime.P99Micros), Int(s.Rejected), Int(s.TimedOut), Int(s.RefusedAtSource),
                    s.CeilingRatio is { } c ? c.ToString("0.###", CultureInfo.InvariantCulture) : "n/a",
                ]).ToArray()));

        var rejections = report.Steps
            .SelectMany(static (s, i) => s.RejectionsByReason.OrderBy(static p => p.Key, StringComparer.Ordinal).Select(p => (IReadOnlyList<string>)[$"{i + 1} ({s.Label})", p.Key, Int(p.Value)]))
            .ToArray();
        yield return rejections.Length == 0
            ? new SummarySection("Rejections by reason", ["No rejections."])
            : new SummarySection("Rejections by reason", [], new SummaryTable(["Step", "ISO 20022 reason", "Count"], rejections));

        var kinds = report.Steps
            .SelectMany(static (s, i) => s.OutcomesByCurrencyKind.OrderBy(static p => p.Key, StringComparer.Ordinal).Select(p => (IReadOnlyList<string>)[$"{i + 1} ({s.Label})", p.Key, Int(p.Value)]))
            .ToArray();
        if (kinds.Length > 0)
        {
            yield return new SummarySection("Payments by currency kind", [], new SummaryTable(["Step", "Kind and outcome", "Count"], kinds));
        }

        var hops = report.Steps
            .SelectMany(static (s, i) => s.Hops.OrderBy(static p => p.Key, StringComparer.Ordinal).Select(p => (IReadOnlyList<string>)
                [$"{i + 1} ({s.Label})", p.Key, Ms(p.Value.P50Micros), Ms(p.Value.P99Micros), Ms(p.Value.MaxMicros)]))
            .ToArray();
        if (hops.Length > 0)
        {
            yield return new SummarySection("Latency by hop", [], new SummaryTable(["Step", "Hop", "p50 ms", "p99 ms", "max ms"], hops));
        }

        var processes = report.Steps
            .Select(static (s, i) => (s, i))
            .Where(static x => x.s.Process is not null)
            .Select(static x => (IReadOnlyList<string>)
            [
                $"{x.i + 1} ({x.s.Label})",
                x.s.Process!.CpuUtilisationPercent.ToString("0.#", CultureInfo.InvariantCulture),
                x.s.NatsServerCpuPercent is { } server ? server.ToString("0.#", CultureInfo.InvariantCulture) : "n/a",
                x.s.Completed > 0 ? Int((long)(x.s.Process.CpuSeconds * 1_000_000 / x.s.Completed)) : "n/a",
                Mib(x.s.Process.PeakWorkingSetBytes), Mib(x.s.Process.ManagedHeapBytes),
                x.s.Sent > 0 ? Int(x.s.Process.AllocatedBytes / x.s.Sent) : "n/a",
                $"{Int(x.s.Process.Gen0Collections)} / {Int(x.s.Process.Gen1Collections)} / {Int(x.s.Process.Gen2Collections)}",
            ])
            .ToArray();
        if (processes.Length > 0)
        {
            yield return new SummarySection(
                "Process",
                [$"The harness process runs the whole switch (hub, FX providers, adapters) and the load generator; CPU is a share of all {Int(report.Environment.ProcessorCount)} cores. nats-server is measured separately when the harness started it."],
                new SummaryTable(["Step", "CPU %", "nats-server CPU %", "CPU µs per answered payment", "Peak working set MiB", "Managed heap MiB", "Allocated B per payment", "GC gen0 / gen1 / gen2"], processes));
        }

        yield return report.Targets.Count == 0
            ? new SummarySection("Targets", ["Not evaluated."])
            : new SummarySection("Targets", [], new SummaryTable(["Target", "Expected", "Measured", "Result"],
                report.Targets.Select(static t => (IReadOnlyList<string>)[t.Name, t.Expected, t.Measured, t.Status switch
                {
                    TargetStatus.Passed => PassText,
                    TargetStatus.Failed => FailText,
                    _ => "n/a",
                }]).ToArray()));
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("#,0.#", CultureInfo.InvariantCulture);

    private static string Int(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Rate(double value) => value.ToString("#,0.#", CultureInfo.InvariantCulture);

    private static string Ms(long micros) => (micros / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    // Backslash-escapes Markdown's inline syntax and table pipes, and keeps a cell on one line.
    private static string Md(string text)
    {
        var md = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r':
                case '\n':
                    md.Append(' ');
                    break;
                case '\\' or '|' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#' or '!':
                    md.Append('\\').Append(c);
                    break;
                default:
                    md.Append(c);
                    break;
            }
        }

        return md.ToString();
    }
}
