using System.Globalization;
using Microsoft.Extensions.Logging;
using PaymentSwitch.LoadTest.Reports;

namespace PaymentSwitch.LoadRunner;

/// <summary>Where a run is, for a progress display.</summary>
/// <param name="Phase">What is running: "warm-up", "ceiling", or a step's label such as "10,000/s open".</param>
/// <param name="StepIndex">The step's index, from 0 (-1 before the first step).</param>
/// <param name="StepCount">How many steps the run has.</param>
/// <param name="Sent">Payments sent in the phase so far.</param>
/// <param name="Completed">Payments answered in the phase so far.</param>
/// <param name="Planned">Payments the phase plans to send (0 when unknown: closed loop).</param>
/// <param name="Draining">The phase stopped sending and waits for answers still in flight.</param>
public readonly record struct LoadProgress(string Phase, int StepIndex, int StepCount, long Sent, long Completed, long Planned, bool Draining);

/// <summary>
/// One load-harness run: loads the reference data (the embedded ASEAN + India topology and profiles, or the files
/// <see cref="LoadRunOptions.TopologyFile"/> and <see cref="LoadRunOptions.ProfilesFile"/> name), builds the workload, starts the switch on NATS, warms it up while counting how many NATS
/// messages and bytes one payment costs, measures the raw NATS ceiling at that message size, then runs the steps
/// (one open-loop rate, a sweep of rates, or closed loop) and returns the report.
/// </summary>
public static class LoadRun
{
    /// <summary>Runs the whole harness.</summary>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is invalid (the message names it).</exception>
    /// <exception cref="ArgumentException">A topology or profiles file is missing or invalid, or an option does not fit the topology.</exception>
    /// <exception cref="FileNotFoundException">No nats-server to start and none named.</exception>
    public static async Task<LoadRunReport> RunAsync(LoadRunOptions options, TimeProvider time, ILoggerFactory loggers, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        options.ThrowIfInvalid();
        var startedAt = time.GetUtcNow();
        var reference = LoadReferenceData.Load(options);
        var workload = LoadWorkload.Create(reference.Profiles, options);
        await using var sut = await SwitchUnderTest.StartAsync(options, workload, time, loggers, cancellationToken).ConfigureAwait(false);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        var rates = options.StepRates;
        var stepCount = options.Mode == LoadMode.Closed ? 1 : rates.Count;
        long sequence = 0;

        // Warm-up, which also calibrates: the NATS messages and bytes one payment costs (from the server's own
        // counters), and the mean service time a closed-loop run corrects against.
        var warmUp = options.WarmUp > TimeSpan.Zero ? options.WarmUp : TimeSpan.FromSeconds(1);
        var before = await TryReadStatsAsync(http, sut.MonitoringUrl, cancellationToken).ConfigureAwait(false);
        var calibrated = await RunUnrecordedAsync("warm-up", warmUp, options, sut, workload, time, sequence, progress, stepCount, cancellationToken).ConfigureAwait(false);
        sequence += calibrated.Sent;
        var after = await TryReadStatsAsync(http, sut.MonitoringUrl, cancellationToken).ConfigureAwait(false);
        var traffic = MessageCost.From(before, after, calibrated.Sent, options.ProxyShareBps);

        CeilingResult? ceiling = null;
        if (options.MeasureCeiling)
        {
            progress?.Report(new LoadProgress("ceiling", -1, stepCount, 0, 0, 0, Draining: false));
            var raw = await NatsCeiling.MeasureAsync(sut.Url, traffic.MeanMessageBytes, options.CeilingDuration, time, cancellationToken).ConfigureAwait(false);
            ceiling = new CeilingResult(traffic.MeanMessageBytes, traffic.MessagesPerPayment, raw.MessagesPerSecond);

            // The ceiling run floods the server and churns memory; a short unrecorded spell of the step's load lets both
            // settle so the first step does not pay for it.
            var settle = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, warmUp.Ticks / 2));
            sequence += (await RunUnrecordedAsync("settle after ceiling", settle, options, sut, workload, time, sequence, progress, stepCount, cancellationToken).ConfigureAwait(false)).Sent;
        }

        var steps = new List<LoadStepResult>();
        for (var index = 0; index < stepCount; index++)
        {
            using var step = new LoadStep(sut.Runtime, workload, time, recordHops: true, sut.ServerCpuTime);
            if (options.Mode == LoadMode.Closed)
            {
                var expected = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMicrosecond, (long)calibrated.ServiceTime.MeanMicros * TimeSpan.TicksPerMicrosecond));
                var timing = await step.RunClosedLoopAsync(options.Concurrency, options.Duration, options.Drain, sequence, expected, Report(progress, "closed loop", index, stepCount, 0), cancellationToken).ConfigureAwait(false);
                steps.Add(step.Result(LoadModes.Closed, null, timing));
            }
            else
            {
                var rate = rates[index];
                var label = string.Create(CultureInfo.InvariantCulture, $"{rate:#,0.##}/s open");
                var timing = await step.RunOpenLoopAsync(rate, options.Duration, options.Drain, sequence, Report(progress, label, index, stepCount, Planned(rate, options.Duration)), cancellationToken).ConfigureAwait(false);
                steps.Add(step.Result(LoadModes.Open, rate, timing));
            }

            sequence += steps[^1].Sent;
        }

        var report = new LoadRunReport
        {
            StartedAt = startedAt,
            Settings = Settings(options, reference, sut, workload, traffic, calibrated),
            Environment = RunEnvironment.Current(after?.Version),
            Ceiling = ceiling,
            Steps = steps,
        };
        return report.WithDerivedResults();
    }

    // Load that is not part of the results (warm-up, settling): the first step's rate, or closed loop.
    private static async Task<LoadStepResult> RunUnrecordedAsync(
        string phase, TimeSpan length, LoadRunOptions options, SwitchUnderTest sut, LoadWorkload workload, TimeProvider time, long sequence,
        IProgress<LoadProgress>? progress, int stepCount, CancellationToken cancellationToken)
    {
        using var step = new LoadStep(sut.Runtime, workload, time, recordHops: false);
        if (options.Mode == LoadMode.Closed)
        {
            var closed = await step.RunClosedLoopAsync(options.Concurrency, length, options.Drain, sequence, TimeSpan.FromMilliseconds(1), Report(progress, phase, -1, stepCount, 0), cancellationToken).ConfigureAwait(false);
            return step.Result(phase, null, closed);
        }

        var rate = options.StepRates[0];
        var open = await step.RunOpenLoopAsync(rate, length, options.Drain, sequence, Report(progress, phase, -1, stepCount, Planned(rate, length)), cancellationToken).ConfigureAwait(false);
        return step.Result(phase, rate, open);
    }

    private static long Planned(decimal rate, TimeSpan duration) => (long)(rate * (decimal)duration.TotalSeconds);

    private static Action<LoadStep>? Report(IProgress<LoadProgress>? progress, string phase, int index, int count, long planned) =>
        progress is null ? null : step => progress.Report(new LoadProgress(phase, index, count, step.Sent, step.Completed, planned, Draining: step.Sent >= planned && planned > 0));

    private static async Task<NatsServerStats?> TryReadStatsAsync(HttpClient http, string? monitoringUrl, CancellationToken cancellationToken)
    {
        if (monitoringUrl is null)
        {
            return null;
        }

        try
        {
            return await NatsServerStats.ReadAsync(http, monitoringUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> Settings(LoadRunOptions options, LoadReferenceData reference, SwitchUnderTest sut, LoadWorkload workload, MessageCost traffic, LoadStepResult calibration)
    {
        var invariant = CultureInfo.InvariantCulture;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mode"] = options.Mode.ToString().ToLowerInvariant(),
            ["topology"] = reference.TopologySource,
            ["profiles"] = reference.ProfilesSource,
            ["simulatedIps"] = string.Join(", ", reference.Profiles.Switches.Select(static s => s.Id.Value + " (" + s.Currency.Code + ")")),
            ["rates"] = options.Mode == LoadMode.Closed ? "-" : string.Join(", ", options.StepRates.Select(r => r.ToString("#,0.##", invariant))),
            ["concurrency"] = options.Mode == LoadMode.Closed ? options.Concurrency.ToString(invariant) : "-",
            ["duration"] = options.Duration.TotalSeconds.ToString("0.###", invariant) + " s per step",
            ["warmUp"] = options.WarmUp.TotalSeconds.ToString("0.###", invariant) + " s",
            ["drain"] = options.Drain.TotalSeconds.ToString("0.###", invariant) + " s",
            ["corridors"] = options.Corridors.Count == 0 ? "every open corridor, weighted by source" : string.Join(", ", options.Corridors),
            ["poolCorridors"] = string.Join(", ", workload.CorridorCounts.OrderByDescending(static kv => kv.Value).Select(static kv => kv.Key + " " + kv.Value.ToString(CultureInfo.InvariantCulture))),
            ["amounts"] = options.Amounts.ToString().ToLowerInvariant(),
            ["proxyShare"] = (options.ProxyShareBps / 100m).ToString("0.##", invariant) + " %",
            ["crossCurrencyShare"] = (options.CrossCurrencyShareBps / 100m).ToString("0.##", invariant) + " %",
            ["poolCurrencyKinds"] = string.Create(invariant, $"cross-currency {workload.CrossCurrencyCount}, same-currency {workload.Count - workload.CrossCurrencyCount}"),
            ["highPriorityShare"] = (options.HighPriorityShareBps / 100m).ToString("0.##", invariant) + " %",
            ["behaviour"] = options.RealisticBehaviour ? "published profiles (latency tables, random rejections, outages)" : $"reliable, {options.DestinationLatencyMs} ms answers, well-funded customers",
            ["hubInstances"] = options.HubInstances.ToString(invariant),
            ["adapterMaxInFlight"] = options.AdapterMaxInFlight == 0 ? "no limit" : options.AdapterMaxInFlight.ToString(invariant) + " per adapter",
            ["nats"] = sut.PrivateServer ? "private nats-server at " + sut.Url : sut.Url,
            ["seed"] = options.Seed.ToString(invariant),
            ["poolSize"] = workload.Count.ToString(invariant),
            ["messagesPerPayment"] = traffic.MessagesPerPayment.ToString("0.##", invariant) + (traffic.Measured ? " (measured)" : " (estimated from the protocol)"),
            ["meanMessageBytes"] = traffic.MeanMessageBytes.ToString(invariant) + (traffic.Measured ? " (measured)" : " (estimated)"),
            ["warmUpPayments"] = calibration.Completed.ToString(invariant),
        };
    }
}
