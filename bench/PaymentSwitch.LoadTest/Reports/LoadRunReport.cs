using System.Runtime.InteropServices;
using PaymentSwitch.LoadTest.Recording;

namespace PaymentSwitch.LoadTest.Reports;

/// <summary>
/// Everything one load-test run measured: its settings, the machine, the transport ceiling, one result per load
/// step and the targets check. Serialised as <c>results.json</c> by <see cref="ReportWriter"/>.
/// </summary>
public sealed record LoadRunReport
{
    /// <summary>When the run started, from the driver's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The run's settings as the driver names them (rates, duration, corridors, seed, ...), as display strings.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The machine and runtime.</summary>
    public required RunEnvironment Environment { get; init; }

    /// <summary>The raw transport ceiling, when it was measured.</summary>
    public CeilingResult? Ceiling { get; init; }

    /// <summary>One result per load step, in the order run.</summary>
    public IReadOnlyList<LoadStepResult> Steps { get; init; } = [];

    /// <summary>The targets check (see <see cref="TargetEvaluator"/>); empty until evaluated.</summary>
    public IReadOnlyList<TargetCheck> Targets { get; init; } = [];

    /// <summary>
    /// A copy with each step's <see cref="LoadStepResult.CeilingRatio"/> filled from <see cref="Ceiling"/> and the
    /// targets evaluated against <paramref name="thresholds"/> (the defaults when null).
    /// </summary>
    public LoadRunReport WithDerivedResults(TargetThresholds? thresholds = null)
    {
        var steps = Steps.Select(step => step with
        {
            CeilingRatio = Ceiling is { CeilingPaymentsPerSecond: > 0 } ceiling ? step.AchievedRate / ceiling.CeilingPaymentsPerSecond : null,
        }).ToArray();
        var withRatios = this with { Steps = steps };
        return withRatios with { Targets = TargetEvaluator.Evaluate(withRatios, thresholds) };
    }
}

/// <summary>The machine and runtime a run was made on.</summary>
/// <param name="ProcessorCount">Logical cores.</param>
/// <param name="OsDescription">The operating system, as the runtime describes it.</param>
/// <param name="DotNetVersion">The .NET runtime, as the runtime describes it.</param>
/// <param name="NatsServerVersion">The nats-server version string, filled by the driver (null when not known).</param>
public sealed record RunEnvironment(int ProcessorCount, string OsDescription, string DotNetVersion, string? NatsServerVersion)
{
    /// <summary>This machine and runtime.</summary>
    public static RunEnvironment Current(string? natsServerVersion = null) =>
        new(System.Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, natsServerVersion);
}

/// <summary>
/// The transport's raw ceiling: how many messages of the payment's size NATS moved per second with no switch
/// logic, and so how many payments per second the transport alone would allow.
/// </summary>
/// <param name="MessageSizeBytes">The size of the messages measured.</param>
/// <param name="MessagesPerPayment">Messages one payment needs end to end.</param>
/// <param name="RawMessagesPerSecond">The measured message rate.</param>
public sealed record CeilingResult(int MessageSizeBytes, double MessagesPerPayment, double RawMessagesPerSecond)
{
    /// <summary>The payment rate the transport alone allows: raw messages per second over messages per payment.</summary>
    public double CeilingPaymentsPerSecond => MessagesPerPayment > 0 ? RawMessagesPerSecond / MessagesPerPayment : 0;
}

/// <summary>Whether a load step paced sends (open loop) or sent each payment when the previous answer came (closed loop).</summary>
public static class LoadModes
{
    /// <summary>Open loop: sends on a fixed schedule, latency corrected from the intended send time.</summary>
    public const string Open = "open";

    /// <summary>Closed loop: a fixed number of payments in flight.</summary>
    public const string Closed = "closed";
}

/// <summary>The result of one load step.</summary>
public sealed record LoadStepResult
{
    /// <summary><see cref="LoadModes.Open"/> or <see cref="LoadModes.Closed"/>.</summary>
    public required string Mode { get; init; }

    /// <summary>The offered rate in payments per second; null for a closed-loop step.</summary>
    public decimal? OfferedRate { get; init; }

    /// <summary>How long the step sent for.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Payments sent.</summary>
    public long Sent { get; init; }

    /// <summary>Payments the switch answered: <see cref="Accepted"/> plus <see cref="Rejected"/>.</summary>
    public long Completed { get; init; }

    /// <summary>Payments accepted.</summary>
    public long Accepted { get; init; }

    /// <summary>Payments rejected with a reason code.</summary>
    public long Rejected { get; init; }

    /// <summary>Payments with no final answer in time.</summary>
    public long TimedOut { get; init; }

    /// <summary>Payments the source refused before the hub.</summary>
    public long RefusedAtSource { get; init; }

    /// <summary>
    /// Answered payments per second of <see cref="Duration"/>. The load harness counts only the answers that arrived
    /// while the step was still sending (its sustained rate), not the backlog answered during the drain afterwards.
    /// </summary>
    public double AchievedRate { get; init; }

    /// <summary>Latency from the intended send time (coordinated-omission corrected).</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>Latency from the actual send time (uncorrected service time).</summary>
    public required LatencySummary ServiceTime { get; init; }

    /// <summary>Latency per hop of the payment's path, by hop name.</summary>
    public IReadOnlyDictionary<string, LatencySummary> Hops { get; init; } = new Dictionary<string, LatencySummary>();

    /// <summary>Rejections by ISO 20022 reason code.</summary>
    public IReadOnlyDictionary<string, long> RejectionsByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Payments by currency kind and outcome, when the driver tells them apart: keys such as <c>"cross-currency
    /// accepted"</c> or <c>"same-currency timed out"</c> (kinds <c>cross-currency</c>, <c>same-currency</c>; outcomes
    /// <c>accepted</c>, <c>rejected</c>, <c>timed out</c>, <c>refused at source</c>). Empty when not recorded.
    /// </summary>
    public IReadOnlyDictionary<string, long> OutcomesByCurrencyKind { get; init; } = new Dictionary<string, long>();

    /// <summary>What the load-generating process cost during the step, when sampled.</summary>
    public ProcessStats? Process { get; init; }

    /// <summary>Per-interval counts.</summary>
    public IReadOnlyList<TimelinePoint> Timeline { get; init; } = [];

    /// <summary>The corrected latency's percentile distribution.</summary>
    public IReadOnlyList<PercentilePoint> Distribution { get; init; } = [];

    /// <summary><see cref="AchievedRate"/> over the ceiling's payment rate, when a ceiling was measured.</summary>
    public double? CeilingRatio { get; init; }

    /// <summary>CPU used by the nats-server process during the step, in percent of all cores (when the harness started the server and could read it).</summary>
    public double? NatsServerCpuPercent { get; init; }

    /// <summary>A short label: "10,000/s open" or "closed".</summary>
    public string Label => OfferedRate is { } rate
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rate:#,0.######}/s {Mode}")
        : Mode;
}
